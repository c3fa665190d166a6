using System.Net;
using EduPlan.Web.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EduPlan.Web.Tests.Security;

/// <summary>Which clients share a sign-in rate-limit budget.</summary>
public sealed class RateLimitPartitionTests
{
    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void An_IPv6_client_is_counted_by_its_64_network_and_IPv4_by_its_address(string address, string partition)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);

        SignInRateLimit.PartitionKey(context).Should().Be(partition);
    }
}
