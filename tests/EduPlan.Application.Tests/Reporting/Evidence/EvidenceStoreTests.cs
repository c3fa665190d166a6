using System.Security.Cryptography;
using System.Text;
using EduPlan.Application.Reporting;
using EduPlan.Application.Reporting.Evidence;
using EduPlan.Core.Reporting;
using EduPlan.Tests.Shared;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Reporting.Evidence;

public class EvidenceStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 10, 2, 30, 0, TimeSpan.Zero);

    private readonly ReportingOptions options = new();

    private EvidenceStore Store() => new(Options.Create(options), new FakeTimeProvider(Now));

    [Fact]
    public async Task Old_office_files_are_refused_unless_the_setting_allows_them()
    {
        var refused = await Store().ReadFileAsync("旧版方案.doc", new MemoryStream(EvidenceSamples.Ole2()), "张三");
        var allowed = await new EvidenceStore(Options.Create(options), new FakeTimeProvider(Now), Options.Create(new UploadOptions { AllowLegacyOffice = true }))
            .ReadFileAsync("旧版方案.doc", new MemoryStream(EvidenceSamples.Ole2()), "张三");

        refused.Error!.Key.Should().Be("Evidence_LegacyOfficeRefused");
        allowed.Succeeded.Should().BeTrue();
        allowed.Evidence!.ContentType.Should().Be("application/msword");
    }

    [Fact]
    public async Task Reads_a_file_into_unattached_evidence_with_its_type_size_hash_and_bytes()
    {
        var pdf = EvidenceSamples.Pdf();

        var result = await Store().ReadFileAsync("2026年第三季度总结.pdf", new MemoryStream(pdf), "张三");

        result.Succeeded.Should().BeTrue();
        result.Error.Should().BeNull();
        var evidence = result.Evidence!;
        evidence.Kind.Should().Be(EvidenceKind.File);
        evidence.ReportId.Should().Be(0);
        evidence.Title.Should().Be("2026年第三季度总结.pdf");
        evidence.ContentType.Should().Be("application/pdf");
        evidence.Length.Should().Be(pdf.Length);
        evidence.Sha256.Should().Be(Convert.ToHexString(SHA256.HashData(pdf)).ToLowerInvariant()).And.HaveLength(64);
        evidence.Content!.Bytes.Should().Equal(pdf);
        evidence.Url.Should().BeNull();
        evidence.AddedAt.Should().Be(Now.UtcDateTime);
        evidence.AddedAt.Kind.Should().Be(DateTimeKind.Utc);
        evidence.AddedByName.Should().Be("张三");
    }

    [Theory]
    [InlineData(@"C:\Users\张三\Desktop\2026年第三季度总结.pdf", "2026年第三季度总结.pdf")]
    [InlineData("../../etc/年度 报告.pdf", "年度 报告.pdf")]
    [InlineData("  总结\u0000\u0007.pdf  ", "总结.pdf")]
    [InlineData("总结\u202Efdp.pdf", "总结fdp.pdf")]
    [InlineData("总结.pdf. . ", "总结.pdf")]
    public async Task Keeps_only_the_file_name_without_directories_or_hidden_characters(string sent, string title)
    {
        var result = await Store().ReadFileAsync(sent, new MemoryStream(EvidenceSamples.Pdf()), "张三");

        result.Evidence!.Title.Should().Be(title);
    }

    [Fact]
    public async Task Shortens_a_long_file_name_to_two_hundred_characters_keeping_the_extension()
    {
        var name = string.Concat(Enumerable.Repeat("重庆市义务教育优质均衡发展", 30)) + ".pdf";

        var result = await Store().ReadFileAsync(name, new MemoryStream(EvidenceSamples.Pdf()), "张三");

        result.Evidence!.Title.Should().HaveLength(ReportEvidence.MaxTitleLength).And.EndWith(".pdf").And.StartWith("重庆市义务教育");
    }

    [Fact]
    public async Task Accepts_a_file_of_exactly_the_limit_and_refuses_one_byte_more_naming_the_configured_size()
    {
        options.MaxEvidenceBytes = 1024 * 1024;
        var atLimit = Padded(EvidenceSamples.Pdf(), options.MaxEvidenceBytes);

        (await Store().ReadFileAsync("a.pdf", new MemoryStream(atLimit), "张三")).Evidence!.Length.Should().Be(1024 * 1024);

        var over = await Store().ReadFileAsync("大文件.pdf", new MemoryStream(Padded(EvidenceSamples.Pdf(), options.MaxEvidenceBytes + 1)), "张三");
        over.Succeeded.Should().BeFalse();
        over.Evidence.Should().BeNull();
        over.Error.Should().Be("文件“大文件.pdf”超过1 MB，不能上传");
    }

    [Fact]
    public async Task Refuses_a_file_over_the_default_ten_megabytes()
    {
        var over = await Store().ReadFileAsync("名.pdf", new MemoryStream(Padded(EvidenceSamples.Pdf(), (10 * 1024 * 1024) + 1)), "张三");

        over.Error.Should().Be("文件“名.pdf”超过10 MB，不能上传");
    }

    [Fact]
    public async Task Stops_reading_one_byte_past_the_limit_whatever_the_stream_claims()
    {
        options.MaxEvidenceBytes = 100_000;
        var endless = new EndlessPdfStream(declaredLength: 10);

        var result = await Store().ReadFileAsync("无尽.pdf", endless, "张三");

        result.Error.Should().Be("文件“无尽.pdf”超过0.1 MB，不能上传");
        endless.BytesRead.Should().Be(options.MaxEvidenceBytes + 1);
    }

    [Fact]
    public async Task Reads_a_stream_that_returns_a_few_bytes_at_a_time()
    {
        var png = EvidenceSamples.Png();

        var result = await Store().ReadFileAsync("照片.png", new TrickleStream(png), "张三");

        result.Evidence!.Content!.Bytes.Should().Equal(png);
        result.Evidence.ContentType.Should().Be("image/png");
    }

    [Fact]
    public async Task Refuses_an_empty_file()
    {
        var result = await Store().ReadFileAsync("空白.pdf", new MemoryStream(), "张三");

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be("文件“空白.pdf”是空文件，不能上传");
    }

    [Fact]
    public async Task Refuses_a_program_renamed_pdf_naming_the_file()
    {
        var result = await Store().ReadFileAsync(@"D:\下载\名.exe", new MemoryStream(EvidenceSamples.Executable()), "张三");

        result.Error.Should().Be("文件“名.exe”不是允许的类型（PDF、Word、Excel、JPEG、PNG）");
        (await Store().ReadFileAsync("report.pdf", new MemoryStream(EvidenceSamples.Executable()), "张三"))
            .Error.Should().Be("文件“report.pdf”不是允许的类型（PDF、Word、Excel、JPEG、PNG）");
    }

    [Theory]
    [InlineData("照片.pdf", "png")]
    [InlineData("方案.docx", "zip")]
    [InlineData("统计.xlsx", "docx")]
    public async Task Refuses_content_that_does_not_match_its_name(string fileName, string sample)
    {
        var bytes = sample switch { "png" => EvidenceSamples.Png(), "zip" => EvidenceSamples.PlainZip(), _ => EvidenceSamples.Docx() };

        var result = await Store().ReadFileAsync(fileName, new MemoryStream(bytes), "张三");

        result.Succeeded.Should().BeFalse();
        result.Error.Should().StartWith($"文件“{fileName}”");
    }

    [Fact]
    public async Task Refuses_a_file_without_a_name()
    {
        (await Store().ReadFileAsync(@"C:\temp\", new MemoryStream(EvidenceSamples.Pdf()), "张三")).Error.Should().Be("上传的文件没有文件名");
    }

    [Theory]
    [InlineData("https://jw.cq.gov.cn/zwgk/2026/通知.html")]
    [InlineData("http://www.moe.gov.cn/jyb_xwfb/")]
    [InlineData("HTTPS://WWW.GOV.CN/zhengce?id=1&p=2#top")]
    public void Accepts_an_absolute_http_or_https_link(string url)
    {
        var result = Store().ReadLink("市教委通知", url, "张三");

        result.Succeeded.Should().BeTrue();
        var evidence = result.Evidence!;
        evidence.Kind.Should().Be(EvidenceKind.Link);
        evidence.Url.Should().Be(url);
        evidence.Title.Should().Be("市教委通知");
        evidence.ContentType.Should().BeNull();
        evidence.Content.Should().BeNull();
        evidence.AddedAt.Should().Be(Now.UtcDateTime);
        evidence.AddedByName.Should().Be("张三");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Uses_the_host_as_the_title_of_an_untitled_link(string? title)
    {
        Store().ReadLink(title, "  https://jw.cq.gov.cn/zwgk/a.html  ", "张三").Evidence!
            .Should().BeEquivalentTo(new { Title = "jw.cq.gov.cn", Url = "https://jw.cq.gov.cn/zwgk/a.html" });
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)//https://")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://ftp.example.com/a.pdf")]
    [InlineData("www.gov.cn/zhengce")]
    [InlineData("/reports/1")]
    [InlineData("//evil.example.com/")]
    [InlineData("https://")]
    [InlineData("https://www.gov.cn/a b")]
    [InlineData("https://www.gov.cn/\nSet-Cookie:x")]
    public void Refuses_a_link_that_is_not_an_absolute_http_address(string url)
    {
        var result = Store().ReadLink("标题", url, "张三");

        result.Succeeded.Should().BeFalse();
        result.Evidence.Should().BeNull();
        result.Error.Should().Be("链接地址必须是以 http:// 或 https:// 开头的完整网址");
    }

    [Fact]
    public void Refuses_a_link_that_hides_its_host_behind_a_user_name()
    {
        Store().ReadLink(null, "https://www.gov.cn@evil.example.com/", "张三").Error.Should().Be("链接地址不能包含用户名或密码");
    }

    [Fact]
    public void Refuses_a_missing_or_overlong_link_and_an_overlong_title()
    {
        Store().ReadLink("标题", "  ", "张三").Error.Should().Be("请填写链接地址");

        var longUrl = "https://www.gov.cn/" + new string('a', ReportEvidence.MaxUrlLength - 18);
        Store().ReadLink(null, longUrl[..ReportEvidence.MaxUrlLength], "张三").Succeeded.Should().BeTrue();
        Store().ReadLink(null, longUrl, "张三").Error.Should().Be("链接地址不能超过2000个字符");

        Store().ReadLink(new string('标', ReportEvidence.MaxTitleLength), "https://www.gov.cn/", "张三").Succeeded.Should().BeTrue();
        Store().ReadLink(new string('标', ReportEvidence.MaxTitleLength + 1), "https://www.gov.cn/", "张三").Error.Should().Be("链接标题不能超过200个字符");
    }

    private static byte[] Padded(byte[] start, long length)
    {
        var bytes = new byte[length];
        start.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>A PDF that never ends, lying about its length.</summary>
    private sealed class EndlessPdfStream(long declaredLength) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => declaredLength;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var header = Encoding.ASCII.GetBytes("%PDF-1.4\n");
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = BytesRead + i < header.Length ? header[BytesRead + i] : (byte)' ';
            }

            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Returns at most three bytes per read, as a slow network upload might.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 3));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 3)], cancellationToken);
    }
}
