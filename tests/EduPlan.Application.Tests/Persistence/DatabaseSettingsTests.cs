using EduPlan.Data;
using Microsoft.Extensions.Configuration;

namespace EduPlan.Application.Tests.Persistence;

public sealed class DatabaseSettingsTests
{
    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("sqlserver", DatabaseProvider.SqlServer)]
    [InlineData(" SqlServer ", DatabaseProvider.SqlServer)]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    public void Provider_is_read_by_name_in_any_case(string? configured, DatabaseProvider expected)
    {
        DatabaseSettings.ProviderFromConfiguration(Configuration(configured)).Should().Be(expected);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5")]
    [InlineData("Postgres")]
    public void Provider_numbers_and_unknown_names_are_refused(string configured)
    {
        var read = () => DatabaseSettings.FromConfiguration(Configuration(configured, "Server=x;Database=y"));

        read.Should().Throw<InvalidOperationException>().WithMessage($"*'{configured}'*Sqlite, SqlServer or PostgreSql*");
    }

    [Fact]
    public void Sqlite_without_a_connection_string_uses_the_shared_default_file()
    {
        var settings = DatabaseSettings.FromConfiguration(Configuration(null));

        settings.ConnectionString.Should().Be(DatabaseSettings.DefaultSqliteConnectionString);
        settings.ConnectionString.Should().EndWith(Path.Combine("EduPlan", "eduplan.db"));
    }

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("PostgreSql")]
    public void A_server_without_a_connection_string_is_refused(string provider)
    {
        var read = () => DatabaseSettings.FromConfiguration(Configuration(provider));

        read.Should().Throw<InvalidOperationException>().WithMessage("*ConnectionStrings:EduPlan*");
    }

    private static IConfiguration Configuration(string? provider, string? connectionString = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:EduPlan"] = connectionString,
            })
            .Build();
}
