namespace MovieRec.Data;

/// <summary>Reads a MovieLens data set from a folder, detecting its format. (Stub: filled by the data-readers work.)</summary>
public static class MovieLensLoader
{
    /// <summary>Loads every file of the data set in <paramref name="directory"/>.</summary>
    public static MovieLensDataset Load(string directory, MovieLensLoadOptions? options = null) =>
        throw new NotImplementedException();

    /// <summary>Reads only a ratings.csv file (the fast path used by the load benchmark).</summary>
    public static RatingsTable LoadRatings(string ratingsCsvPath, MovieLensLoadOptions? options = null) =>
        throw new NotImplementedException();
}
