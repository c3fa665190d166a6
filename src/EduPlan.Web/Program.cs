using EduPlan.Data;
using EduPlan.Web.Infrastructure;

// The database, its logs and backups are for this account only (0600 / 0640 on Unix; see PrivateFiles).
PrivateFiles.RestrictNewFiles();
var builder = WebApplication.CreateBuilder(args);

builder.AddEduPlanLogging();
// No "Server: Kestrel" header: it tells a scanner what to try.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddEduPlanWeb(builder.Configuration);

var app = builder.Build();

app.UseEduPlanPipeline();
app.MapEduPlanEndpoints();

try
{
    app.Run();
}
catch (StartupConfigurationException refusal)
{
    // One line naming the setting and the rule, not a stack trace (the logs leave this exception out too).
    Console.Error.WriteLine(refusal.Message);
    return 1;
}

return 0;

/// <summary>The web host's entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
