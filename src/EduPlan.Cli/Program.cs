using System.Text;
using EduPlan.Cli;
using EduPlan.Data;

// Plan titles are Chinese; without this a Windows console prints them as '?'.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

// The database, backups and exports it writes are for this account only (see PrivateFiles).
PrivateFiles.RestrictNewFiles();

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the running command stop cleanly (the import transaction rolls back) instead of killing the process.
    e.Cancel = true;
    cancellation.Cancel();
};

return await new CliApp().RunAsync(args, Console.Out, Console.Error, cancellationToken: cancellation.Token);
