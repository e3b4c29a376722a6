namespace MovieRec.Data;

/// <summary>
/// One movie from movies.csv (or u.item / movies.dat). <see cref="Title"/> is the title as written
/// in the file (surrounding spaces trimmed), year included; <see cref="Year"/> is parsed from a trailing "(yyyy)" when present.
/// <see cref="Genres"/> is empty for "(no genres listed)".
/// </summary>
public sealed record Movie(int MovieId, string Title, int? Year, IReadOnlyList<string> Genres);

/// <summary>A user's free-text tag on a movie (tags.csv).</summary>
public sealed record Tag(int UserId, int MovieId, string Text, long Timestamp);

/// <summary>Identifiers of a movie in other databases (links.csv). Either may be missing in the file.</summary>
public sealed record Link(int MovieId, string? ImdbId, int? TmdbId);
