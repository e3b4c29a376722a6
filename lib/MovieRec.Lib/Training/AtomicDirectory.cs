namespace MovieRec.Training;

/// <summary>
/// Writes a whole folder so a reader sees either the old folder or the complete new one: everything is
/// written into a hidden temporary folder beside the target, which is then renamed into place (a rename
/// within one parent folder is atomic). An existing target is renamed aside first and deleted afterwards;
/// if the final rename fails it is put back.
/// </summary>
public static class AtomicDirectory
{
    /// <summary>Calls <paramref name="write"/> with an empty temporary folder, then moves it to <paramref name="directory"/>.</summary>
    /// <exception cref="IOException"><paramref name="directory"/> is an existing file.</exception>
    public static void Write(string directory, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (File.Exists(full))
        {
            throw new IOException($"Cannot write a model folder to '{full}': a file with that name exists.");
        }

        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException("The directory has no parent folder.", nameof(directory));
        var name = Path.GetFileName(full);
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            write(temporary);
            if (!Directory.Exists(full))
            {
                Directory.Move(temporary, full);
                return;
            }

            var old = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old");
            Directory.Move(full, old);
            try
            {
                Directory.Move(temporary, full);
            }
            catch
            {
                Directory.Move(old, full);
                throw;
            }

            Directory.Delete(old, recursive: true);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }
}
