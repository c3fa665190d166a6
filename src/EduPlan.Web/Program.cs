using EduPlan.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddEduPlanLogging();
// No "Server: Kestrel" header: it tells a scanner what to try.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddEduPlanWeb(builder.Configuration);

var app = builder.Build();

app.UseEduPlanPipeline();
app.MapEduPlanEndpoints();

app.Run();

/// <summary>The web host's entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
