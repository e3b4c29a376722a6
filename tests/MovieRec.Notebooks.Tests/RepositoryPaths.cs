namespace MovieRec.Tests.Notebooks;

/// <summary>Where the repository, the built CLI and the notebook fixtures are, found from the test binary.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding MovieRec.Lib.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the configuration this test assembly was built in (…/bin/Release/net10.0/).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The built movierec CLI (built before the tests by the project reference).</summary>
    public static string CliAssembly => Path.Combine(Root, "tools", "MovieRec.Cli", "bin", Configuration, "net10.0", "movierec.dll");

    /// <summary>notebooks/_template.ipynb.</summary>
    public static string Template => Path.Combine(Root, "notebooks", "_template.ipynb");

    /// <summary>A notebook fixture of this test project.</summary>
    public static string Fixture(string fileName) => Path.Combine(Root, "tests", "MovieRec.Notebooks.Tests", "Fixtures", fileName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MovieRec.Lib.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"MovieRec.Lib.sln not found above {AppContext.BaseDirectory}.");
    }
}
