using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EduPlan.Web.Features.Account;
using EduPlan.Web.Resources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Tests;

[Collection(SharedApp.Name)]
public sealed partial class LocalisationTests(EduPlanWebFactory factory)
{
    [Fact]
    public void Chinese_texts_resolve_through_the_shared_resources_marker()
    {
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<SharedResources>>();

        using (new CultureScope("zh-CN"))
        {
            localizer["InvalidLogin"].ResourceNotFound.Should().BeFalse("SharedResources must find Resources/SharedResources.zh-CN.resx");
            localizer["InvalidLogin"].Value.Should().Be("用户名或密码错误");
        }

        using (new CultureScope("en"))
        {
            localizer["InvalidLogin"].Value.Should().Be("Wrong user name or password");
        }
    }

    [Fact]
    public void Both_languages_have_the_same_keys()
    {
        var zh = ResourceKeys("zh-CN");
        var en = ResourceKeys("en");

        zh.Should().NotBeEmpty();
        zh.Should().BeEquivalentTo(en);
    }

    [Fact]
    public void Every_key_used_in_views_and_code_has_a_Chinese_text()
    {
        var root = factory.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        var files = Directory.GetFiles(Path.Combine(root, "Features"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal));
        var used = files
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value + m.Groups[2].Value))
            .ToHashSet();
        var known = ResourceKeys("zh-CN");

        used.Should().Contain("InvalidLogin").And.Contain("NavHome").And.Contain("SearchTooLong");
        used.Except(known).Should().BeEmpty("every text shown must come from SharedResources.zh-CN.resx");
    }

    [Fact]
    public void Identity_errors_are_translated()
    {
        using var scope = factory.Services.CreateScope();
        var describer = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IdentityErrorDescriber>();

        using var _ = new CultureScope("zh-CN");
        describer.Should().BeOfType<LocalizedIdentityErrorDescriber>();
        describer.PasswordTooShort(12).Description.Should().Be("密码至少需要12个字符");
        describer.PasswordMismatch().Description.Should().Be("当前密码不正确");
    }

    private HashSet<string> ResourceKeys(string culture)
    {
        var root = factory.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        var document = XDocument.Load(Path.Combine(root, "Resources", $"SharedResources.{culture}.resx"));
        return document.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
    }

    // L["Key"], localizer["Key"], ErrorMessage = "Key", Name = "Key" (Display attributes).
    [GeneratedRegex("(?:\\b(?:L|localizer)\\[\"([A-Za-z]+)\"[\\],]|(?:ErrorMessage|Name) = \"([A-Za-z]+)\")")]
    private static partial Regex UsedKey();

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
