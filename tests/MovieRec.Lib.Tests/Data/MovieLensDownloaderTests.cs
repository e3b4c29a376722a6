using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MovieRec.Data;

namespace MovieRec.Tests.Data;

public class MovieLensDownloaderTests
{
    private const string Name = "ml-test";

    private static readonly Dictionary<string, string> FakeFiles = new()
    {
        ["ratings.csv"] = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n",
        ["movies.csv"] = "movieId,title,genres\n1,Toy Story (1995),Animation\n",
        ["README.txt"] = "Summary\n=======\n\nThis dataset (ml-test) is a fixture.\n",
    };

    [Fact]
    public void DownloadsVerifiesAndExtractsKeepingTheReadme()
    {
        var zip = LoopbackZipServer.BuildZip(FakeFiles, topFolder: Name);
        using var server = new LoopbackZipServer();
        server.Serve($"/{Name}.zip", zip);
        using var dir = new TempDirectory();
        var progress = new List<(long Bytes, long? Total)>();
        var target = Path.Combine(dir.Path, "data", Name);

        var result = MovieLensDownloader.Download(Name, target, new MovieLensDownloadOptions
        {
            BaseUri = server.BaseUri,
            ExpectedZipSha256 = Sha256(zip),
            Progress = (bytes, total) => progress.Add((bytes, total)),
        });

        Assert.Equal(target, result);
        foreach (var (file, content) in FakeFiles)
        {
            Assert.Equal(content, File.ReadAllText(Path.Combine(target, file)));
        }

        var sums = File.ReadAllText(Path.Combine(target, "SHA256SUMS"));
        Assert.Contains($"{Sha256(Encoding.UTF8.GetBytes(FakeFiles["ratings.csv"]))}  ratings.csv", sums);
        Assert.Equal((zip.Length, zip.Length), (progress[^1].Bytes, progress[^1].Total));
        Assert.Equal(0, progress[0].Bytes);
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First.Bytes <= p.Second.Bytes));
        Assert.Equal([target], Directory.GetFileSystemEntries(Path.Combine(dir.Path, "data"))); // no temp folder left
    }

    [Fact]
    public void VerifiesPerFileHashesWhenGiven()
    {
        var zip = LoopbackZipServer.BuildZip(FakeFiles, topFolder: Name);
        using var server = new LoopbackZipServer();
        server.Serve($"/{Name}.zip", zip);
        using var dir = new TempDirectory();
        var hashes = FakeFiles.ToDictionary(p => p.Key, p => Sha256(Encoding.UTF8.GetBytes(p.Value)));

        var target = MovieLensDownloader.Download(Name, Path.Combine(dir.Path, Name),
            new MovieLensDownloadOptions { BaseUri = server.BaseUri, ExpectedFileSha256 = hashes });

        Assert.True(File.Exists(Path.Combine(target, "ratings.csv")));
        hashes["movies.csv"] = new string('0', 64);
        var error = Assert.Throws<MovieLensDownloadException>(() => MovieLensDownloader.Download(Name, Path.Combine(dir.Path, "again"),
            new MovieLensDownloadOptions { BaseUri = server.BaseUri, ExpectedFileSha256 = hashes }));
        Assert.Contains("movies.csv", error.Message);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "again")));
    }

    [Fact]
    public void RealMlLatestSmallFilesPassTheEmbeddedHashes()
    {
        Assert.NotNull(SharedData.MlLatestSmall);
        var files = new[] { "ratings.csv", "movies.csv", "tags.csv", "links.csv", "README.txt" }
            .ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(SharedData.MlLatestSmall!, f)));
        using var server = new LoopbackZipServer();
        server.Serve("/ml-latest-small.zip", LoopbackZipServer.BuildZip(files, "ml-latest-small"));
        using var dir = new TempDirectory();

        var target = MovieLensDownloader.Download("ml-latest-small", Path.Combine(dir.Path, "ml-latest-small"),
            new MovieLensDownloadOptions { BaseUri = server.BaseUri });

        Assert.Empty(KnownDataSets.VerifyFiles(target, KnownDataSets.MlLatestSmall.FileSha256!));
        Assert.Equal(files["ratings.csv"], File.ReadAllBytes(Path.Combine(target, "ratings.csv")));
    }

    [Fact]
    public void FilesThatDoNotMatchTheEmbeddedHashesAreRejectedAndNothingIsKept()
    {
        var fake = new Dictionary<string, string>(FakeFiles) { ["tags.csv"] = "x\n", ["links.csv"] = "y\n" };
        using var server = new LoopbackZipServer();
        server.Serve("/ml-latest-small.zip", LoopbackZipServer.BuildZip(fake, "ml-latest-small"));
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "ml-latest-small");

        var error = Assert.Throws<MovieLensDownloadException>(() =>
            MovieLensDownloader.Download("ml-latest-small", target, new MovieLensDownloadOptions { BaseUri = server.BaseUri }));

        Assert.Contains("ratings.csv: SHA-256", error.Message);
        Assert.Contains("do not match", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ZipHashMismatchIsAClearErrorAndLeavesNoFolder()
    {
        var zip = LoopbackZipServer.BuildZip(FakeFiles, Name);
        using var server = new LoopbackZipServer();
        server.Serve($"/{Name}.zip", zip);
        using var dir = new TempDirectory();
        var wrong = new string('a', 64);

        var error = Assert.Throws<MovieLensDownloadException>(() => MovieLensDownloader.Download(Name, Path.Combine(dir.Path, Name),
            new MovieLensDownloadOptions { BaseUri = server.BaseUri, ExpectedZipSha256 = wrong }));

        Assert.Contains($"SHA-256 {Sha256(zip)}, expected {wrong}", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void NotFoundOnTheServerIsAClearError()
    {
        using var server = new LoopbackZipServer();
        using var dir = new TempDirectory();

        var error = Assert.Throws<MovieLensDownloadException>(() => MovieLensDownloader.Download(Name, Path.Combine(dir.Path, Name),
            new MovieLensDownloadOptions { BaseUri = server.BaseUri, AllowUnverified = true, Log = TextWriter.Null }));

        Assert.Contains("HTTP 404", error.Message);
        Assert.Contains($"{server.BaseUri}{Name}.zip", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void TruncatedDownloadIsAnErrorAndLeavesNoFolder()
    {
        var zip = LoopbackZipServer.BuildZip(FakeFiles, Name);
        using var server = new LoopbackZipServer();
        server.Serve($"/{Name}.zip", zip, truncateAfter: zip.Length / 2);
        using var dir = new TempDirectory();

        var error = Assert.Throws<MovieLensDownloadException>(() => MovieLensDownloader.Download(Name, Path.Combine(dir.Path, Name),
            new MovieLensDownloadOptions { BaseUri = server.BaseUri, ExpectedZipSha256 = Sha256(zip) }));

        Assert.Contains("ended early", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void DataSetWithoutKnownHashIsRefusedBeforeAnyRequest()
    {
        using var server = new LoopbackZipServer();
        using var dir = new TempDirectory();

        var error = Assert.Throws<MovieLensDownloadException>(() =>
            MovieLensDownloader.Download("ml-25m", Path.Combine(dir.Path, "ml-25m"), new MovieLensDownloadOptions { BaseUri = server.BaseUri }));

        Assert.Contains("ExpectedZipSha256", error.Message);
        Assert.Contains("AllowUnverified", error.Message);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public void AllowUnverifiedDownloadsAndPrintsTheComputedHash()
    {
        var zip = LoopbackZipServer.BuildZip(FakeFiles, Name);
        using var server = new LoopbackZipServer();
        server.Serve($"/{Name}.zip", zip);
        using var dir = new TempDirectory();
        var log = new StringWriter();

        var target = MovieLensDownloader.Download(Name, Path.Combine(dir.Path, Name),
            new MovieLensDownloadOptions { BaseUri = server.BaseUri, AllowUnverified = true, Log = log });

        Assert.True(File.Exists(Path.Combine(target, "README.txt")));
        Assert.Contains("NOT verified", log.ToString());
        Assert.Contains(Sha256(zip), log.ToString());
    }

    [Fact]
    public void ZipWithoutTheDataSetFilesIsRejected()
    {
        var zip = LoopbackZipServer.BuildZip(new Dictionary<string, string> { ["notes.txt"] = "hi" }, topFolder: null);
        using var server = new LoopbackZipServer();
        server.Serve($"/{Name}.zip", zip);
        using var dir = new TempDirectory();

        var error = Assert.Throws<MovieLensDownloadException>(() => MovieLensDownloader.Download(Name, Path.Combine(dir.Path, Name),
            new MovieLensDownloadOptions { BaseUri = server.BaseUri, ExpectedZipSha256 = Sha256(zip) }));

        Assert.Contains("does not contain the files", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ExistingTargetIsNotOverwritten()
    {
        using var dir = new TempDirectory();
        dir.Write("ml-test/keep.txt", "mine");
        Assert.Throws<IOException>(() => MovieLensDownloader.Download(Name, Path.Combine(dir.Path, Name),
            new MovieLensDownloadOptions { BaseUri = new Uri("http://127.0.0.1:9/"), AllowUnverified = true }));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir.Path, "ml-test", "keep.txt")));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("ml 25m")]
    [InlineData("a/b")]
    public void RejectsNamesThatAreNotPlainFolderNames(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => MovieLensDownloader.GetDownloadUri(name));
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void DownloadUriIsUnderGroupLensByDefault()
    {
        Assert.Equal("https://files.grouplens.org/datasets/movielens/ml-25m.zip", MovieLensDownloader.GetDownloadUri("ml-25m").AbsoluteUri);
        Assert.Equal("http://127.0.0.1:1234/x/ml-1m.zip",
            MovieLensDownloader.GetDownloadUri("ml-1m", new Uri("http://127.0.0.1:1234/x")).AbsoluteUri);
    }

    [Fact]
    public void EmbeddedHashesMatchDataSha256Sums()
    {
        var root = DataLocator.FindRepositoryRoot([AppContext.BaseDirectory]);
        Assert.NotNull(root);
        var lines = File.ReadAllLines(Path.Combine(root!, "data", "SHA256SUMS")).Where(l => l.Length > 0);
        var fromFile = lines.Select(l => l.Split("  ")).ToDictionary(p => p[1], p => p[0]);
        Assert.Equal(
            KnownDataSets.MlLatestSmall.FileSha256!.OrderBy(p => p.Key),
            fromFile.OrderBy(p => p.Key));
    }

    [Fact]
    public void ConsoleProgressLineRedrawsAtMostFiveTimesASecond()
    {
        var now = 1_000L;
        var output = new StringWriter();
        var line = new MovieLensDownloader.ProgressLine(output, "Downloading", () => now);
        for (var i = 0; i < 100; i++)
        {
            line.Report(i * 1_048_576L, 100 * 1_048_576L);
        }

        Assert.Equal(1, line.Draws);
        now += 199;
        line.Report(50 * 1_048_576L, 100 * 1_048_576L);
        Assert.Equal(1, line.Draws);
        now += 1;
        line.Report(50 * 1_048_576L, 100 * 1_048_576L);
        Assert.Equal(2, line.Draws);
        line.Complete(100 * 1_048_576L, 100 * 1_048_576L);
        Assert.Contains("\rDownloading: 100.0 of 100.0 MB (100%)", output.ToString());
    }

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>
/// A tiny HTTP server on 127.0.0.1 (a free port) serving in-memory zips, so downloader tests never
/// leave the machine. Unknown paths get 404; a route can cut its body short to simulate a dropped
/// connection.
/// </summary>
internal sealed class LoopbackZipServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (byte[] Body, int? TruncateAfter)> _routes = new();
    private readonly Task _loop;
    private int _requestCount;

    public LoopbackZipServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUri { get; }

    public int RequestCount => Volatile.Read(ref _requestCount);

    public void Serve(string path, byte[] body, int? truncateAfter = null)
    {
        lock (_routes)
        {
            _routes[path] = (body, truncateAfter);
        }
    }

    public static byte[] BuildZip(IReadOnlyDictionary<string, string> files, string? topFolder) =>
        BuildZip(files.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value)), topFolder);

    public static byte[] BuildZip(IReadOnlyDictionary<string, byte[]> files, string? topFolder)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = archive.CreateEntry(topFolder is null ? name : $"{topFolder}/{name}");
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            Interlocked.Increment(ref _requestCount);
            (byte[] Body, int? TruncateAfter) route;
            bool found;
            lock (_routes)
            {
                found = _routes.TryGetValue(context.Request.Url!.AbsolutePath, out route);
            }

            try
            {
                if (!found)
                {
                    context.Response.StatusCode = 404;
                    context.Response.Close();
                    continue;
                }

                context.Response.ContentLength64 = route.Body.Length;
                if (route.TruncateAfter is { } cut)
                {
                    await context.Response.OutputStream.WriteAsync(route.Body.AsMemory(0, cut));
                    await context.Response.OutputStream.FlushAsync();
                    context.Response.Abort(); // drop the connection mid-body
                    continue;
                }

                await context.Response.OutputStream.WriteAsync(route.Body);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away; the test asserts on what it saw.
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
