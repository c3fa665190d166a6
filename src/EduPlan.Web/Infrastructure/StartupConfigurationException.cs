namespace EduPlan.Web.Infrastructure;

/// <summary>
/// A setting that stops start-up before anything is written. Its message is the one line the operator sees (Chinese,
/// then English); Program prints it without a stack trace and the logs leave the exception out.
/// </summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
