using System.Runtime.CompilerServices;

namespace EduPlan.Web.Tests;

/// <summary>
/// The tests start many copies of the app; each would watch its configuration files with inotify, and Linux allows
/// 128 inotify instances per user by default (a full run hit that limit). Polling watchers use none.
/// </summary>
internal static class FileWatching
{
    [ModuleInitializer]
    internal static void UsePolling() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
