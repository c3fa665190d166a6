using EduPlan.Data;
using EduPlan.Tests;

namespace EduPlan.Web.Tests.Security;

/// <summary>The SQLite database and the log files are not readable by other local users (Unix).</summary>
public sealed class PrivateFilesTests
{
    [SkippableFact]
    public async Task The_database_is_created_for_its_owner_only_and_the_logs_for_no_other_user()
    {
        TestDatabases.SqliteOnly("a server's database is no file of the portal's; the logs, the same on either provider, are checked on the SQLite run");
        if (OperatingSystem.IsWindows())
        {
            return; // Windows gives new files the folder's ACL; the modes below are Unix's.
        }

        using var app = new EduPlanWebFactory();
        using var client = app.CreateBrowser();
        await client.SignInAsAdminAsync();
        // A file sink writes on its own thread; the request log of the sign-in is enough to have created today's file.
        var logs = await WaitForLogFilesAsync(app.LogDirectory);

        File.GetUnixFileMode(app.DatabasePath).Should().Be(PrivateFiles.OwnerOnly);
        File.GetUnixFileMode(app.DatabasePath + "-wal").Should().Be(PrivateFiles.OwnerOnly, "SQLite gives its log the database's mode");
        foreach (var log in logs)
        {
            (File.GetUnixFileMode(log) & PrivateFiles.Denied).Should().Be(UnixFileMode.None, log);
        }

        (File.GetUnixFileMode(app.LogDirectory) & PrivateFiles.Denied).Should().Be(UnixFileMode.None);
    }

    [Fact]
    public void A_file_that_exists_keeps_its_mode_and_content()
    {
        var path = Path.Combine(Path.GetTempPath(), "eduplan-private-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(path, "SQLite format 3");
            PrivateFiles.EnsureOwnerOnlyFile(path);
            File.ReadAllText(path).Should().Be("SQLite format 3");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string[]> WaitForLogFilesAsync(string folder)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Directory.Exists(folder) && Directory.GetFiles(folder) is { Length: > 0 } files)
            {
                return files;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no log file in {folder}");
    }
}
