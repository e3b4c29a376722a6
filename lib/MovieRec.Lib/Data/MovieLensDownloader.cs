using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace MovieRec.Data;

/// <summary>Options of <see cref="MovieLensDownloader"/>. The defaults download verified data from GroupLens.</summary>
public sealed record MovieLensDownloadOptions
{
    /// <summary>Where GroupLens publishes the zips: https://files.grouplens.org/datasets/movielens/.</summary>
    public static Uri DefaultBaseUri { get; } = new("https://files.grouplens.org/datasets/movielens/");

    /// <summary>Folder URL the zip <c>&lt;name&gt;.zip</c> is fetched from. Default <see cref="DefaultBaseUri"/>.</summary>
    public Uri BaseUri { get; init; } = DefaultBaseUri;

    /// <summary>
    /// SHA-256 (hex) the downloaded zip must have. Default null: then the data set's known per-file
    /// hashes are used (only ml-latest-small has them), and without either the download is refused
    /// unless <see cref="AllowUnverified"/> is set.
    /// </summary>
    public string? ExpectedZipSha256 { get; init; }

    /// <summary>Per-file SHA-256 of the extracted files. Default null: the hashes in <see cref="KnownDataSets"/>.</summary>
    public IReadOnlyDictionary<string, string>? ExpectedFileSha256 { get; init; }

    /// <summary>Accept a data set with no hash to check against, printing the zip's computed SHA-256 instead. Default false.</summary>
    public bool AllowUnverified { get; init; }

    /// <summary>Called as bytes arrive with (bytes so far, total or null when the server does not say). Default none.</summary>
    public Action<long, long?>? Progress { get; init; }

    /// <summary>Draw a progress line on standard error when it is a terminal (at most 5 updates a second). Default true.</summary>
    public bool ShowConsoleProgress { get; init; } = true;

    /// <summary>Client used for the request. Default: a shared client owned by the downloader.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Where notes such as an unverified zip's SHA-256 are written. Default standard error.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Longest the whole download may take. Default 30 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>Downloading or unpacking a MovieLens zip failed; the message says what and which URL.</summary>
public sealed class MovieLensDownloadException(string message, Uri? uri = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The URL being downloaded, when known.</summary>
    public Uri? Uri { get; } = uri;
}

/// <summary>
/// Downloads a GroupLens MovieLens zip and unpacks it into a folder, all or nothing: the zip is
/// streamed to a temporary folder beside the target while its SHA-256 is computed, checked, unpacked
/// there, its files checked, and only then the data folder is moved into place with one
/// <see cref="Directory.Move"/>. On any failure the temporary folder is deleted, so a target folder
/// either does not exist or holds the complete, verified data set (with GroupLens's README.txt and a
/// SHA256SUMS of its files).
/// </summary>
public static partial class MovieLensDownloader
{
    private static readonly HttpClient SharedClient = CreateClient();

    /// <summary>The URL of <c>&lt;name&gt;.zip</c> under <paramref name="baseUri"/> (default GroupLens).</summary>
    public static Uri GetDownloadUri(string name, Uri? baseUri = null)
    {
        ValidateName(name);
        var root = baseUri ?? MovieLensDownloadOptions.DefaultBaseUri;
        if (!root.AbsoluteUri.EndsWith('/'))
        {
            root = new Uri(root.AbsoluteUri + "/");
        }

        return new Uri(root, name + ".zip");
    }

    /// <summary>Downloads data set <paramref name="name"/> into <paramref name="targetDirectory"/> (which must not exist) and returns its full path.</summary>
    public static string Download(string name, string targetDirectory, MovieLensDownloadOptions? options = null) =>
        Task.Run(() => DownloadAsync(name, targetDirectory, options)).GetAwaiter().GetResult();

    /// <inheritdoc cref="Download"/>
    public static async Task<string> DownloadAsync(
        string name, string targetDirectory, MovieLensDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDirectory);
        options ??= new MovieLensDownloadOptions();
        var uri = GetDownloadUri(name, options.BaseUri);
        var expectedZip = NormalizeHash(options.ExpectedZipSha256);
        var expectedFiles = options.ExpectedFileSha256 ?? KnownDataSets.Find(name)?.FileSha256;
        if (expectedZip is null && expectedFiles is null && !options.AllowUnverified)
        {
            throw new MovieLensDownloadException(
                $"The project has no SHA-256 for {name}, so it will not download {uri} unchecked. Pass the zip's " +
                "SHA-256 as ExpectedZipSha256 (from a copy you have checked), or set " +
                "AllowUnverified = true to accept it and have its SHA-256 printed. See data/README.md.", uri);
        }

        var target = Path.GetFullPath(targetDirectory);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new IOException($"{target} already exists; delete it first to download {name} again.");
        }

        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("The target cannot be a root folder.", nameof(targetDirectory));
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.download-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var zipPath = Path.Combine(temp, name + ".zip");
            var zipHash = await FetchAsync(uri, zipPath, name, options, cancellationToken).ConfigureAwait(false);
            if (expectedZip is not null && zipHash != expectedZip)
            {
                throw new MovieLensDownloadException(
                    $"{uri} has SHA-256 {zipHash}, expected {expectedZip}. The download is corrupt or the file changed; nothing was kept.", uri);
            }

            if (expectedZip is null && expectedFiles is null)
            {
                (options.Log ?? Console.Error).WriteLine(
                    $"WARNING: {name}.zip was NOT verified (no known hash). Its SHA-256 is {zipHash}; " +
                    "pass it as ExpectedZipSha256 next time to pin this exact file.");
            }

            var dataRoot = Extract(zipPath, Path.Combine(temp, "extracted"), uri);
            if (!KnownDataSets.LooksLikeDataSet(dataRoot, name))
            {
                var required = KnownDataSets.Find(name)?.RequiredFiles ?? ["ratings.csv, ratings.dat or u.data"];
                throw new MovieLensDownloadException(
                    $"{uri} does not contain the files of {name} (expected {string.Join(", ", required)}).", uri);
            }

            if (expectedFiles is not null)
            {
                var problems = KnownDataSets.VerifyFiles(dataRoot, expectedFiles);
                if (problems.Count > 0)
                {
                    throw new MovieLensDownloadException(
                        $"The files in {uri} do not match the known SHA-256 of {name}; nothing was kept:\n  " +
                        string.Join("\n  ", problems), uri);
                }
            }

            WriteSha256Sums(dataRoot);
            Directory.Move(dataRoot, target);
            return target;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static async Task<string> FetchAsync(
        Uri uri, string zipPath, string name, MovieLensDownloadOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        long received = 0;
        long? total = null;
        try
        {
            using var response = await (options.HttpClient ?? SharedClient)
                .GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new MovieLensDownloadException(
                    $"Downloading {uri} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.", uri);
            }

            total = response.Content.Headers.ContentLength;
            var consoleLine = options.ShowConsoleProgress && !Console.IsErrorRedirected
                ? new ProgressLine(Console.Error, $"Downloading {name}.zip") : null;
            await using var source = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using var file = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            options.Progress?.Invoke(0, total);
            int read;
            while ((read = await ReadBodyAsync(source, buffer, uri, received, total, timeout.Token).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                hash.AppendData(buffer, 0, read);
                received += read;
                options.Progress?.Invoke(received, total);
                consoleLine?.Report(received, total);
            }

            consoleLine?.Complete(received, total);
            if (total is { } expected && received != expected)
            {
                throw Truncated(uri, received, total, null);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (HttpRequestException e)
        {
            throw new MovieLensDownloadException($"Could not download {uri}: {e.Message}", uri, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MovieLensDownloadException(
                $"Downloading {uri} took longer than {options.Timeout} and was stopped after {received:N0} bytes.", uri, e);
        }
    }

    /// <summary>One read of the response body; a connection that breaks mid-body is reported as a truncated download.</summary>
    private static async ValueTask<int> ReadBodyAsync(
        Stream source, byte[] buffer, Uri uri, long received, long? total, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw Truncated(uri, received, total, e);
        }
    }

    private static MovieLensDownloadException Truncated(Uri uri, long received, long? total, Exception? inner) =>
        new($"The download of {uri} ended early after {received:N0} of {(total is { } t ? t.ToString("N0", CultureInfo.InvariantCulture) : "unknown")} bytes; nothing was kept. Try again.", uri, inner);

    /// <summary>Unzips and returns the folder holding the data: the zip's single top folder (GroupLens zips have one) or the extraction folder.</summary>
    private static string Extract(string zipPath, string destination, Uri uri)
    {
        try
        {
            ZipFile.ExtractToDirectory(zipPath, destination); // rejects entries that would land outside destination
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new MovieLensDownloadException($"{uri} could not be unpacked as a zip: {e.Message}", uri, e);
        }

        var folders = Directory.GetDirectories(destination).Where(d => Path.GetFileName(d) != "__MACOSX").ToArray();
        return folders.Length == 1 && Directory.GetFiles(destination).Length == 0 ? folders[0] : destination;
    }

    private static void WriteSha256Sums(string directory)
    {
        var path = Path.Combine(directory, "SHA256SUMS");
        if (File.Exists(path))
        {
            return;
        }

        var hashes = Directory.GetFiles(directory)
            .ToDictionary(f => Path.GetFileName(f), KnownDataSets.ComputeFileSha256);
        File.WriteAllText(path, KnownDataSets.FormatSha256Sums(hashes));
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!NamePattern().IsMatch(name) || name.Contains(".."))
        {
            throw new ArgumentException(
                $"'{name}' is not a data set name: use letters, digits, '-', '_' and '.' only (e.g. ml-latest-small).", nameof(name));
        }
    }

    private static string? NormalizeHash(string? hash)
    {
        if (hash is null)
        {
            return null;
        }

        var trimmed = hash.Trim().ToLowerInvariant();
        if (!HexSha256Pattern().IsMatch(trimmed))
        {
            throw new ArgumentException($"ExpectedZipSha256 must be 64 hexadecimal digits (was '{hash}').", "options");
        }

        return trimmed;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden temp folder never looks like a data set.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static HttpClient CreateClient()
    {
        // The per-download timeout is enforced with a cancellation token instead.
        var client = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("MovieRec/1.0");
        return client;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexSha256Pattern();

    /// <summary>A one-line "\r"-redrawn progress display, redrawn at most every 200 ms.</summary>
    internal sealed class ProgressLine(TextWriter writer, string label, Func<long>? clockMilliseconds = null)
    {
        private readonly Func<long> _clock = clockMilliseconds ?? (() => Environment.TickCount64);
        private long? _lastDraw;

        public int Draws { get; private set; }

        public void Report(long received, long? total)
        {
            var now = _clock();
            if (now - _lastDraw < 200) // null (never drawn) compares false, so the first report draws
            {
                return;
            }

            _lastDraw = now;
            Draw(received, total);
        }

        public void Complete(long received, long? total)
        {
            Draw(received, total);
            writer.WriteLine();
        }

        private void Draw(long received, long? total)
        {
            Draws++;
            var text = total is > 0
                ? $"\r{label}: {Megabytes(received)} of {Megabytes(total.Value)} MB ({100.0 * received / total.Value:0}%)   "
                : $"\r{label}: {Megabytes(received)} MB   ";
            writer.Write(text);
            writer.Flush();
        }

        private static string Megabytes(long bytes) => (bytes / 1_048_576.0).ToString("0.0", CultureInfo.InvariantCulture);
    }
}
