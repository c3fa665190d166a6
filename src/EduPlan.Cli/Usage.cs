using EduPlan.Cli.Infrastructure;
using EduPlan.Data;

namespace EduPlan.Cli;

/// <summary>The usage text, generated from the verb table so a new verb documents itself.</summary>
public static class Usage
{
    public static void Write(TextWriter writer)
    {
        writer.WriteLine("usage: eduplan <command> [arguments]");
        writer.WriteLine();
        writer.WriteLine("commands:");
        foreach (var command in CliApp.Commands.Values)
        {
            WriteEntry(writer, command.Synopsis, command.Summary);
        }

        WriteEntry(writer, "help [COMMAND]", "Show this text, or the usage of one command.");
        writer.WriteLine();
        writer.WriteLine("options (with any command):");
        WriteEntry(writer, $"{CliApp.LanguageOption} en|zh", "language of messages such as validation errors (default en)");
        writer.WriteLine();
        writer.WriteLine("configuration (appsettings.json next to eduplan, then environment variables):");
        WriteEntry(writer, "Database__Provider", "Sqlite (default), SqlServer or PostgreSql");
        WriteEntry(writer, "ConnectionStrings__EduPlan", $"default: {DatabaseSettings.DefaultSqliteConnectionString}");
        WriteEntry(writer, $"{CliApp.DebugVariable}=1", "print stack traces of unexpected errors");
        writer.WriteLine();
        writer.WriteLine("exit codes: 0 success, 1 failure, 2 wrong usage");
    }

    public static void WriteCommand(CliCommand command, TextWriter writer)
    {
        writer.WriteLine($"usage: eduplan {command.Synopsis}");
        writer.WriteLine($"  {command.Summary}");
    }

    private static void WriteEntry(TextWriter writer, string synopsis, string summary)
    {
        const int column = 44;
        if (synopsis.Length + 2 < column)
        {
            writer.WriteLine($"  {synopsis.PadRight(column - 2)}{summary}");
        }
        else
        {
            writer.WriteLine($"  {synopsis}");
            writer.WriteLine($"{new string(' ', column)}{summary}");
        }
    }
}
