namespace MovieRec.Models.Ranking;

/// <summary>Settings of <see cref="TwoStageRecommender"/>.</summary>
public sealed record TwoStageOptions
{
    /// <summary>
    /// Candidates the retriever proposes per user before re-ranking. When a caller asks for more than this
    /// (k &gt; CandidateCount), k candidates are retrieved so rows still hold min(k, available) movies. Default 100.
    /// </summary>
    public int CandidateCount { get; init; } = 100;

    /// <summary>
    /// Weight w of the retrieval rank in the final score: score = ranker score − w · ln(1 + rank), rank being the
    /// candidate's 0-based position in the retriever's list. 0 (default) re-ranks by the ranker alone; about
    /// 0.1–0.3 keeps the retriever's order as a prior (rank 9 costs 2.3·w stars, rank 99 costs 4.6·w).
    /// </summary>
    public double RetrievalRankWeight { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> for an invalid value.</summary>
    public void Validate(string parameterName = "options")
    {
        NeuralLayers.Require(CandidateCount >= 1, "CandidateCount must be at least 1", parameterName);
        NeuralLayers.Require(
            RetrievalRankWeight >= 0 && double.IsFinite(RetrievalRankWeight), "RetrievalRankWeight must be zero or positive", parameterName);
    }
}
