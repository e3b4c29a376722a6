namespace MovieRec.Retrieval;

/// <summary>How <see cref="ApproximateIndex"/> compares a query with an item.</summary>
public enum ApproximateMetric
{
    /// <summary>Dot product (maximum inner product search); scores are u·v. Right for the two-tower model, whose vectors are L2-normalised.</summary>
    InnerProduct,

    /// <summary>Cosine similarity; scores are u·v / (‖u‖‖v‖), 0 when either vector is zero.</summary>
    Cosine,
}

/// <summary>How <see cref="ApproximateIndex"/> stores item vectors inside the graph (the managed float copy used for scores is always kept).</summary>
public enum ApproximateScalarKind
{
    /// <summary>32-bit floats, 4 bytes per coordinate: graph distances are exact.</summary>
    Float32,

    /// <summary>16-bit floats, 2 bytes per coordinate: half the memory traffic per distance, about 3 significant digits.</summary>
    Float16,

    /// <summary>
    /// 8-bit integers (USearch scales each coordinate by 127 and rounds, so coordinates must lie in [−1, 1], as in
    /// L2-normalised vectors), 1 byte per coordinate: a quarter of the memory traffic per distance, coarse distances.
    /// </summary>
    Int8,
}

/// <summary>How <see cref="ApproximateIndex.Search"/> leaves out a query's excluded items (e.g. the user's seen movies).</summary>
public enum ApproximateExclusion
{
    /// <summary>
    /// The graph search skips excluded items as results (USearch's filtered search, a per-thread bit mask) and keeps
    /// exploring until it has k others, so the search effort is set by ExpansionSearch alone, whatever the number of exclusions.
    /// </summary>
    Filter,

    /// <summary>
    /// Ask the graph for k + e neighbours (e = excluded count) and drop the excluded ones: the search explores at least
    /// k + e candidates, so a user with hundreds of seen items pays for a search hundreds wide.
    /// </summary>
    OverFetch,
}

/// <summary>
/// Options of <see cref="ApproximateIndex"/>, an HNSW graph (USearch). Graph defaults are USearch's own
/// (connectivity 16, expansion 128 when adding, 64 when searching). Measured on ML-25M-shaped vectors
/// (docs/retrieval.md): on low-rank vectors shaped like the trained two-tower ones they give recall@10 above 0.99
/// already at ExpansionSearch 8; the harder clustered benchmark needs connectivity 24, expansion_add 256 and
/// ExpansionSearch ≈ 128 for recall@10 ≥ 0.95.
/// </summary>
public sealed record ApproximateIndexOptions
{
    /// <summary>The defaults.</summary>
    public static ApproximateIndexOptions Default { get; } = new();

    /// <summary>Similarity. Default <see cref="ApproximateMetric.InnerProduct"/>.</summary>
    public ApproximateMetric Metric { get; init; } = ApproximateMetric.InnerProduct;

    /// <summary>
    /// How the graph stores vectors. Float16 and Int8 make each distance the graph computes cheaper (fewer bytes to
    /// fetch) but approximate; <see cref="ApproximateIndex.Search"/> then fetches max(ExpansionSearch, k + excluded)
    /// candidates and re-ranks them with the exact float dot product, so only the candidate set is approximate.
    /// Default <see cref="ApproximateScalarKind.Float32"/>.
    /// </summary>
    public ApproximateScalarKind ScalarKind { get; init; } = ApproximateScalarKind.Float32;

    /// <summary>
    /// How excluded items are left out (can be changed after building: <see cref="ApproximateIndex.Exclusion"/>).
    /// Default <see cref="ApproximateExclusion.Filter"/>.
    /// </summary>
    public ApproximateExclusion Exclusion { get; init; } = ApproximateExclusion.Filter;

    /// <summary>
    /// Links per node in the graph (HNSW's M; the bottom layer has twice as many). More links: higher recall at the
    /// same expansion, a larger index and a slower build. Default 16.
    /// </summary>
    public int Connectivity { get; init; } = 16;

    /// <summary>
    /// Candidate list size while inserting (HNSW's efConstruction): a better graph for a slower build. Default 128.
    /// </summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>
    /// Candidate list size while searching (HNSW's ef): the recall/speed knob. A search for k results explores
    /// max(ExpansionSearch, k + excluded) candidates. Not stored in the index file; can be changed after building
    /// (<see cref="ApproximateIndex.ExpansionSearch"/>). Default 64.
    /// </summary>
    public int ExpansionSearch { get; init; } = 64;

    /// <summary>
    /// Threads inserting items during the build. Default 1, which makes the graph reproducible: USearch takes no
    /// seed but draws node levels from fixed-seed generators, so the same items inserted in order on the same kind
    /// of host (same hardware thread count, which sizes USearch's pool of generators) give the same graph and the
    /// same answers. More threads build faster, but the graph then depends on thread timing.
    /// </summary>
    public int BuildThreads { get; init; } = 1;

    /// <summary>
    /// Queries searched at once by <see cref="ApproximateIndex.Search"/> (each thread gets its own USearch search
    /// context; a query's answer does not depend on which thread ran it). Default: the processor count.
    /// </summary>
    public int SearchThreads { get; init; } = Environment.ProcessorCount;

    internal void Validate(string parameterName)
    {
        void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message + ".", parameterName);
            }
        }

        Require(Enum.IsDefined(Metric), "Metric must be a defined ApproximateMetric");
        Require(Enum.IsDefined(ScalarKind), "ScalarKind must be a defined ApproximateScalarKind");
        Require(Enum.IsDefined(Exclusion), "Exclusion must be a defined ApproximateExclusion");
        Require(Connectivity >= 2, "Connectivity must be at least 2");
        Require(ExpansionAdd >= 1, "ExpansionAdd must be at least 1");
        Require(ExpansionSearch >= 1, "ExpansionSearch must be at least 1");
        Require(BuildThreads >= 1, "BuildThreads must be at least 1");
        Require(SearchThreads >= 1, "SearchThreads must be at least 1");
    }
}
