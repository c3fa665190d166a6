using System.Net;
using EduPlan.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace EduPlan.Web.Tests.Security;

public sealed class ReverseProxySettingsTests
{
    [Fact]
    public void Known_proxies_are_read_from_an_array_or_from_one_comma_separated_value()
    {
        var array = Read(new() { ["ReverseProxy:KnownProxies:0"] = "10.0.0.1", ["ReverseProxy:KnownProxies:1"] = " fd00::2 " });
        var commaSeparated = Read(new() { ["ReverseProxy:KnownProxies"] = "10.0.0.1, 10.0.0.2," });
        var none = Read([]);

        array.Should().Equal(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("fd00::2"));
        commaSeparated.Should().Equal(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"));
        none.Should().BeEmpty();
    }

    [Fact]
    public void A_proxy_that_is_not_an_IP_address_stops_start_up_naming_the_key()
    {
        var read = () => Read(new() { ["ReverseProxy:KnownProxies:0"] = "proxy.example.cn" });

        read.Should().Throw<InvalidOperationException>()
            .WithMessage("*ReverseProxy:KnownProxies*proxy.example.cn*");
    }

    private static IReadOnlyList<IPAddress> Read(Dictionary<string, string?> values) =>
        ReverseProxySettings.KnownProxies(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
