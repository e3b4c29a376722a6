namespace MovieRec.Data;

/// <summary>
/// How one of the three MovieLens ratings files is laid out: the field separator, whether line 1 is
/// a header, and the field names used in error messages. The fields are always user, movie, rating,
/// timestamp in that order, so one fast parser serves ratings.csv, ratings.dat and u.data.
/// </summary>
internal sealed record RatingsFileLayout(string Separator, string? Header, IReadOnlyList<string> FieldNames)
{
    /// <summary>ratings.csv: comma separated with the header "userId,movieId,rating,timestamp".</summary>
    public static RatingsFileLayout Csv { get; } =
        new(",", "userId,movieId,rating,timestamp", ["userId", "movieId", "rating", "timestamp"]);

    /// <summary>ML-1M ratings.dat: "UserID::MovieID::Rating::Timestamp", no header.</summary>
    public static RatingsFileLayout Ml1m { get; } =
        new("::", null, ["UserID", "MovieID", "Rating", "Timestamp"]);

    /// <summary>ML-100K u.data: tab separated "user id, item id, rating, timestamp", no header.</summary>
    public static RatingsFileLayout Ml100k { get; } =
        new("\t", null, ["user id", "item id", "rating", "timestamp"]);

    /// <summary>Line number of the first rating row (2 after a header, else 1).</summary>
    public long FirstDataLine => Header is null ? 1 : 2;

    /// <summary>The separator as a reader would name it in a message.</summary>
    public string SeparatorDisplay => Separator == "\t" ? "tab" : $"'{Separator}'";

    /// <summary>The field list as a message shows it, e.g. "userId,movieId,rating,timestamp".</summary>
    public string FieldListDisplay => string.Join(Separator == "\t" ? "<tab>" : Separator, FieldNames);
}

/// <summary>
/// Tuning knobs of <see cref="RatingsFileReader"/>. Internal: tests shrink them to force many chunk
/// and range boundaries; the defaults are what the benchmark measured best on a 2-core machine.
/// </summary>
internal sealed record RatingsReaderSettings
{
    /// <summary>Bytes read per call by each worker. Default 1 MiB (fits in L2 next to the parser's state).</summary>
    public int ChunkSize { get; init; } = 1 << 20;

    /// <summary>Number of byte ranges parsed in parallel; 0 means 2 × processor count (less for small files).</summary>
    public int RangeCount { get; init; }

    /// <summary>With <see cref="RangeCount"/> 0, ranges are never smaller than this. Default 1 MiB.</summary>
    public long MinimumRangeBytes { get; init; } = 1 << 20;

    /// <summary>Upper bound on worker threads; 0 means the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    public static RatingsReaderSettings Default { get; } = new();
}
