using MovieRec.Data;

namespace MovieRec.Tests.Data;

public class DataLocatorTests
{
    private const string Small = "ml-latest-small";

    /// <summary>
    /// A fake workplace: work/repo (with MovieRec.Lib.sln and a nested start folder), work/shared/data,
    /// work/cache and work/env, none of them holding data until a test writes some.
    /// </summary>
    private sealed class Workplace : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public Workplace()
        {
            _dir.Write("repo/MovieRec.Lib.sln", "");
            Directory.CreateDirectory(StartDirectory);
        }

        public string Root => _dir.Path;

        public string Repository => Path.Combine(Root, "repo");

        public string StartDirectory => Path.Combine(Repository, "tests", "bin");

        public string Cache => Path.Combine(Root, "cache");

        public Dictionary<string, string> Environment { get; } = new();

        public string AddDataSet(string relativeFolder, string? readme = null)
        {
            _dir.Write(Path.Combine(relativeFolder, "ratings.csv"), "userId,movieId,rating,timestamp\n");
            _dir.Write(Path.Combine(relativeFolder, "movies.csv"), "movieId,title,genres\n");
            _dir.Write(Path.Combine(relativeFolder, "tags.csv"), "userId,movieId,tag,timestamp\n");
            _dir.Write(Path.Combine(relativeFolder, "links.csv"), "movieId,imdbId,tmdbId\n");
            if (readme is not null)
            {
                _dir.Write(Path.Combine(relativeFolder, "README.txt"), readme);
            }

            return Path.Combine(Root, relativeFolder);
        }

        public DataLocatorOptions Options(bool inRepository = true) => new()
        {
            AllowDownload = false,
            GetEnvironmentVariable = name => Environment.GetValueOrDefault(name),
            SearchStartDirectories = [inRepository ? StartDirectory : Root],
            UserCacheDirectory = Cache,
        };

        public void Dispose() => _dir.Dispose();
    }

    [Fact]
    public void ExplicitPathWinsOverEverythingElse()
    {
        using var work = new Workplace();
        var mine = work.AddDataSet("elsewhere/small");
        work.Environment["MOVIELENS_DIR"] = work.AddDataSet("env/ml-latest-small");
        work.AddDataSet("repo/data/ml-latest-small");

        var location = DataLocator.Locate(Small, work.Options() with { Path = mine });

        Assert.Equal(new DataLocation(mine, DataLocationSource.ExplicitPath), location);
    }

    [Fact]
    public void ExplicitPathWithoutTheFilesIsAnErrorNotAFallBack()
    {
        using var work = new Workplace();
        work.AddDataSet("repo/data/ml-latest-small");
        var empty = Path.Combine(work.Root, "empty");

        var error = Assert.Throws<DataSetNotFoundException>(() => DataLocator.Locate(Small, work.Options() with { Path = empty }));

        Assert.Contains($"{empty} (the explicit Path option): does not exist", error.Message);
    }

    [Fact]
    public void EnvironmentFolderContainingTheDataSetIsUsed()
    {
        using var work = new Workplace();
        var data = work.AddDataSet("movielens/ml-latest-small");
        work.AddDataSet("repo/data/ml-latest-small");
        work.Environment["MOVIELENS_DIR"] = Path.Combine(work.Root, "movielens");

        var location = DataLocator.Locate(Small, work.Options());

        Assert.Equal(new DataLocation(data, DataLocationSource.EnvironmentVariable), location);
    }

    [Fact]
    public void EnvironmentFolderThatIsTheDataSetIsUsed()
    {
        using var work = new Workplace();
        work.Environment["MOVIELENS_DIR"] = work.AddDataSet("x/ml-latest-small");
        var renamed = work.AddDataSet("y/small-copy", readme: "Summary\n=======\n\nThis dataset (ml-latest-small) describes...\n");

        Assert.Equal(DataLocationSource.EnvironmentVariable, DataLocator.Locate(Small, work.Options()).Source);
        work.Environment["MOVIELENS_DIR"] = renamed; // other folder name, but GroupLens's README names it
        Assert.Equal(renamed, DataLocator.Locate(Small, work.Options()).Path);
    }

    [Fact]
    public void EnvironmentFolderHoldingAnotherDataSetIsNotMistakenForThisOne()
    {
        using var work = new Workplace();
        work.Environment["MOVIELENS_DIR"] = work.AddDataSet("x/ml-25m", readme: "This dataset (ml-25m) describes...\n");
        var repositoryCopy = work.AddDataSet("repo/data/ml-latest-small");

        var location = DataLocator.Locate(Small, work.Options());

        Assert.Equal(new DataLocation(repositoryCopy, DataLocationSource.RepositoryData), location);
    }

    [Fact]
    public void RepositoryDataIsFoundByWalkingUpToTheSolution()
    {
        using var work = new Workplace();
        var data = work.AddDataSet("repo/data/ml-latest-small");
        work.AddDataSet("shared/data/ml-latest-small");

        Assert.Equal(new DataLocation(data, DataLocationSource.RepositoryData), DataLocator.Locate(Small, work.Options()));
        Assert.Equal(work.Repository, DataLocator.FindRepositoryRoot([work.StartDirectory]));
    }

    [Fact]
    public void SharedDataBesideTheRepositoryIsUsedNext()
    {
        using var work = new Workplace();
        var shared = work.AddDataSet("shared/data/ml-latest-small");
        work.AddDataSet("cache/ml-latest-small");

        Assert.Equal(new DataLocation(shared, DataLocationSource.SharedData), DataLocator.Locate(Small, work.Options()));
    }

    [Fact]
    public void UserCacheIsUsedOutsideARepository()
    {
        using var work = new Workplace();
        var cached = work.AddDataSet("cache/ml-latest-small");

        Assert.Equal(new DataLocation(cached, DataLocationSource.UserCache), DataLocator.Locate(Small, work.Options(inRepository: false)));
    }

    [Fact]
    public void FolderMissingARequiredFileDoesNotCount()
    {
        using var work = new Workplace();
        var partial = work.AddDataSet("repo/data/ml-latest-small");
        File.Delete(Path.Combine(partial, "movies.csv"));

        var error = Assert.Throws<DataSetNotFoundException>(() => DataLocator.Locate(Small, work.Options()));

        Assert.Contains($"{partial} (data/ of the repository): missing movies.csv", error.Message);
    }

    [Fact]
    public void OfflineErrorListsEveryPathTriedAndTheDownloadUrl()
    {
        using var work = new Workplace();
        work.Environment["MOVIELENS_DIR"] = Path.Combine(work.Root, "nowhere");

        var error = Assert.Throws<DataSetNotFoundException>(() => DataLocator.Locate(Small, work.Options()));

        var expectedPaths = new[]
        {
            Path.Combine(work.Root, "nowhere", Small),
            Path.Combine(work.Root, "nowhere"),
            Path.Combine(work.Repository, "data", Small),
            Path.Combine(work.Root, "shared", "data", Small),
            Path.Combine(work.Cache, Small),
        };
        Assert.Equal(expectedPaths.Length, error.PathsTried.Count);
        for (var i = 0; i < expectedPaths.Length; i++)
        {
            Assert.StartsWith(expectedPaths[i] + " (", error.PathsTried[i]);
            Assert.Contains(expectedPaths[i], error.Message);
        }

        Assert.Contains("https://files.grouplens.org/datasets/movielens/ml-latest-small.zip", error.Message);
        Assert.Contains("AllowDownload = false", error.Message);
        Assert.Contains("MOVIELENS_DIR", error.Message);
        Assert.Equal(Small, error.Name);
    }

    [Fact]
    public void MissingDataIsDownloadedIntoTheRepositoryDataFolder()
    {
        using var work = new Workplace();
        var files = new Dictionary<string, string>
        {
            ["ratings.csv"] = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n",
            ["movies.csv"] = "movieId,title,genres\n1,Toy Story (1995),Animation\n",
            ["README.txt"] = "This dataset (ml-test) is a fixture.\n",
        };
        var zip = LoopbackZipServer.BuildZip(files, "ml-test");
        using var server = new LoopbackZipServer();
        server.Serve("/ml-test.zip", zip);
        var download = new MovieLensDownloadOptions { BaseUri = server.BaseUri, ExpectedZipSha256 = MovieLensDownloaderTests.Sha256(zip) };

        var location = DataLocator.Locate("ml-test", work.Options() with { AllowDownload = true, Download = download });

        Assert.Equal(new DataLocation(Path.Combine(work.Repository, "data", "ml-test"), DataLocationSource.Downloaded), location);
        Assert.Equal(files["README.txt"], File.ReadAllText(Path.Combine(location.Path, "README.txt")));
        // The second call finds the downloaded copy without asking the server again.
        Assert.Equal(DataLocationSource.RepositoryData, DataLocator.Locate("ml-test", work.Options() with { AllowDownload = true, Download = download }).Source);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public void OutsideARepositoryTheDownloadGoesToTheUserCache()
    {
        using var work = new Workplace();
        var zip = LoopbackZipServer.BuildZip(new Dictionary<string, string> { ["u.data"] = "1\t1\t5\t874965758\n", ["u.item"] = "1|Toy Story (1995)|\n" }, "ml-100k");
        using var server = new LoopbackZipServer();
        server.Serve("/ml-100k.zip", zip);
        var download = new MovieLensDownloadOptions { BaseUri = server.BaseUri, ExpectedZipSha256 = MovieLensDownloaderTests.Sha256(zip) };

        var location = DataLocator.Locate("ml-100k", work.Options(inRepository: false) with { AllowDownload = true, Download = download });

        Assert.Equal(new DataLocation(Path.Combine(work.Cache, "ml-100k"), DataLocationSource.Downloaded), location);
        Assert.True(File.Exists(Path.Combine(location.Path, "u.data")));
    }

    [Fact]
    public void FailedDownloadBecomesANotFoundErrorWithTheCauseAndNoFolder()
    {
        using var work = new Workplace();
        using var server = new LoopbackZipServer(); // serves nothing: 404

        var error = Assert.Throws<DataSetNotFoundException>(() => DataLocator.Locate("ml-test",
            work.Options() with { AllowDownload = true, Download = new MovieLensDownloadOptions { BaseUri = server.BaseUri, AllowUnverified = true } }));

        Assert.Contains("HTTP 404", error.Message);
        Assert.IsType<MovieLensDownloadException>(error.InnerException);
        Assert.False(Directory.Exists(Path.Combine(work.Repository, "data", "ml-test")));
    }

    [Fact]
    public void DownloadOfADataSetWithoutKnownHashesExplainsWhatToPass()
    {
        using var work = new Workplace();

        var error = Assert.Throws<DataSetNotFoundException>(() => DataLocator.Locate("ml-25m",
            work.Options() with { AllowDownload = true, Download = new MovieLensDownloadOptions { BaseUri = new Uri("http://127.0.0.1:9/") } }));

        Assert.Contains("ExpectedZipSha256", error.Message);
        Assert.Contains("AllowUnverified", error.Message);
    }

    [Fact]
    public void DefaultsFindTheRealRepositoryAndACopyOfMlLatestSmall()
    {
        var root = DataLocator.FindRepositoryRoot();
        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root!, "MovieRec.Lib.sln")));

        var location = DataLocator.Locate(options: new DataLocatorOptions { AllowDownload = false });

        Assert.True(File.Exists(Path.Combine(location.Path, "ratings.csv")));
        Assert.Contains(location.Source, new[] { DataLocationSource.EnvironmentVariable, DataLocationSource.RepositoryData, DataLocationSource.SharedData });
    }

    [Fact]
    public void RejectsBadNames()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => DataLocator.Locate(" ")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => DataLocator.Locate("../x")).ParamName);
    }
}
