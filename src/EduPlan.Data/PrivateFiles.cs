using System.Runtime.InteropServices;

namespace EduPlan.Data;

/// <summary>
/// Files EduPlan writes (the SQLite database, its WAL, the logs, backups) are for the account it runs under: on Unix
/// the database is created 0600 and everything else the process creates is at most 0640 / 0750 (no access for other
/// local users). Windows gives new files the folder's ACL, which under LocalApplicationData is the user's own.
/// </summary>
public static partial class PrivateFiles
{
    /// <summary>The permission bits a new file must never have: group write and every bit for other users.</summary>
    public const UnixFileMode Denied = UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Owner read and write only: the database file.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A folder the owner uses and its group may read: 0750.</summary>
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    /// <summary>Sets the process's file-creation mask to 027, so that files created from now on (by any library) are not world-readable.</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(0b000_010_111);
        }
    }

    /// <summary>Creates <paramref name="folder"/> (0750 on Unix) when it does not exist; an existing one is left as it is.</summary>
    public static void EnsureFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, Folder);
        }
    }

    /// <summary>
    /// Creates an empty file readable and writable by its owner only, unless it exists (then nothing changes). SQLite
    /// takes an empty file as an empty database and gives its -wal and -shm files the database file's permissions.
    /// </summary>
    public static void EnsureOwnerOnlyFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another connection or process created it in the meantime.
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetUmask(uint mask);
}
