using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Web.Tests.Security;

/// <summary>With a certificate configured, the keys that sign cookies are stored encrypted, and sign-in still works.</summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private readonly string folder = EduPlanWebFactory.NewTempFolder();

    public void Dispose() => EduPlanWebFactory.DeleteFolder(folder);

    [Fact]
    public async Task Keys_are_stored_encrypted_when_a_certificate_is_configured()
    {
        Directory.CreateDirectory(folder);
        var pfx = Path.Combine(folder, "dp.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=EduPlan Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-Passw0rd"));
        }

        using var app = new EduPlanWebFactory
        {
            Settings =
            {
                ["DataProtection:CertificatePath"] = pfx,
                ["DataProtection:CertificatePassword"] = "pfx-Passw0rd",
            },
        };
        var client = app.CreateBrowser();
        await client.SignInAsAdminAsync();
        (await client.GetAsync("/")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the cookie made with the protected key is read back");

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        keys.Should().NotBeEmpty();
        keys.Should().OnlyContain(xml => xml!.Contains("encryptedSecret") && !xml.Contains("<masterKey"),
            "the key material must be stored encrypted to the certificate, never as a plain master key");
    }

    [Fact]
    public void A_configured_certificate_that_does_not_exist_stops_start_up_with_the_key_name()
    {
        using var app = new EduPlanWebFactory { Settings = { ["DataProtection:CertificatePath"] = Path.Combine(folder, "missing.pfx") } };

        var start = () => app.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*DataProtection:CertificatePath*");
    }
}

/// <summary>Security:RequireHttps sends plain-HTTP visitors to HTTPS and marks the cookies Secure.</summary>
public sealed class RequireHttpsTests
{
    [Fact]
    public async Task With_RequireHttps_a_plain_http_request_is_redirected_to_https()
    {
        using var app = new EduPlanWebFactory { Settings = { ["Security:RequireHttps"] = "true", ["Security:HttpsPort"] = "8443" } };
        var client = app.CreateBrowser();

        var response = await client.GetAsync("http://eduplan.example.gov.cn/account/login");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.ToString().Should().Be("https://eduplan.example.gov.cn:8443/account/login");
    }

    [Fact]
    public async Task With_RequireHttps_the_sign_in_cookie_is_always_secure()
    {
        using var app = new EduPlanWebFactory { Settings = { ["Security:RequireHttps"] = "true" } };
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

        var response = await client.SignInAsync(WebTestHelpers.AdminUserName, EduPlanWebFactory.TestAdminPassword);

        SecurityTestKit.SetCookies(response).Should().Contain(c => c.StartsWith("EduPlan.Auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_RequireHttps_the_language_cookie_is_secure_too()
    {
        using var app = new EduPlanWebFactory { Settings = { ["Security:RequireHttps"] = "true" } };
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

        var response = await client.PostFormAsync("/account/login", "/language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" });

        SecurityTestKit.SetCookies(response).Should().ContainSingle(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal))
            .Which.Should().Contain("secure");
    }
}
