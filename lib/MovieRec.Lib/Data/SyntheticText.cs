using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Word lists and small text helpers for <see cref="SyntheticMovieLens"/>: movie titles in the MovieLens
/// style ("Silent River, The (1995)", now and then an alternative title with accents or a quoted
/// nickname, so readers meet commas, quotes and UTF-8 as in the real files), tags, and CSV quoting.
/// </summary>
internal static class SyntheticText
{
    /// <summary>The 19 MovieLens genres (the 20th value is "(no genres listed)").</summary>
    public static readonly string[] Genres =
    [
        "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>What MovieLens writes for a movie without genres.</summary>
    public const string NoGenres = "(no genres listed)";

    /// <summary>Relative genre frequencies, counted from ml-latest-small (Drama 4,361 … Film-Noir 87).</summary>
    public static readonly double[] GenreWeights =
    [
        1828, 1263, 611, 664, 3756, 1199, 440, 4361, 779, 87, 978, 158, 334, 573, 1596, 980, 1894, 382, 167,
    ];

    /// <summary>Tags typical of each genre, indexed like <see cref="Genres"/>.</summary>
    public static readonly string[][] GenreTags =
    [
        ["action", "explosions", "car chase", "martial arts", "superhero"],
        ["adventure", "treasure hunt", "journey", "epic"],
        ["animation", "Pixar", "anime", "Disney", "stop motion"],
        ["kids", "family", "Disney", "talking animals"],
        ["funny", "dark comedy", "quirky", "satire", "hilarious"],
        ["crime", "heist", "mafia", "gangsters", "police"],
        ["documentary", "history", "politics", "true story"],
        ["emotional", "character study", "based on a book", "mental illness", "Oscar (Best Picture)"],
        ["fantasy", "magic", "fairy tale", "dragons"],
        ["noir", "black and white", "femme fatale"],
        ["horror", "zombies", "gore", "creepy", "vampires"],
        ["IMAX", "visually stunning"],
        ["musical", "great soundtrack", "music", "dancing"],
        ["mystery", "twist ending", "whodunit", "suspense"],
        ["romance", "love story", "romantic comedy", "chick flick"],
        ["sci-fi", "time travel", "aliens", "space", "dystopia", "artificial intelligence"],
        ["thriller", "suspense", "psychology", "mindfuck", "tense"],
        ["war", "World War II", "Vietnam", "anti-war"],
        ["western", "cowboys", "gunfight"],
    ];

    /// <summary>Tags not tied to a genre.</summary>
    public static readonly string[] GeneralTags =
    [
        "In Netflix queue", "atmospheric", "thought-provoking", "visually appealing", "classic", "surreal",
        "overrated", "cult film", "dreamlike", "predictable", "great acting", "boring", "quotable", "slow",
        "beautiful", "remake", "sequel", "based on a true story", "nonlinear", "social commentary",
    ];

    private static readonly string[] Adjectives =
    [
        "Silent", "Last", "Dark", "Golden", "Broken", "Hidden", "Lost", "Wild", "Crimson", "Frozen", "Burning",
        "Secret", "Endless", "Little", "Big", "Midnight", "Savage", "Electric", "Quiet", "Eternal", "Hollow",
        "Bright", "Stolen", "Final", "Distant", "Iron", "Velvet", "Paper", "Glass", "Wicked", "Lonely", "Restless",
    ];

    private static readonly string[] Nouns =
    [
        "River", "Night", "City", "Heart", "Road", "Summer", "Kingdom", "Garden", "Storm", "Shadow", "Island",
        "Dream", "Mirror", "Station", "Empire", "Horizon", "Promise", "Winter", "Highway", "Harbor", "Forest",
        "Detective", "Stranger", "Game", "Bridge", "Letter", "Machine", "Planet", "Hotel", "Voyage", "Circus",
        "Agent", "Ghost", "Queen", "Soldier", "Witness", "Orchard", "Frontier", "Castle", "Signal",
    ];

    private static readonly string[] Names =
    [
        "Jack", "Mary", "Sam", "Lucy", "Harry", "Rosa", "Max", "Ellen", "Frank", "Nora", "Victor", "Ida",
    ];

    private static readonly string[] Articles = ["The", "A", "An"];

    // Alternative (original-language) titles, as MovieLens writes them: "Title (Alternative) (yyyy)".
    private static readonly string[] ForeignWords =
    [
        "La Cité", "L'Étoile", "El Niño", "Mañana", "Über alles", "Das Fräulein", "Le Été", "Señor", "Les Enfants",
        "Die Straße", "Il Giardino", "O Coração", "Ça ira", "Nuit blanche", "Sjöröver", "Tōkyō monogatari",
    ];

    /// <summary>A MovieLens-style title with its year, e.g. "Silent River, The (1995)".</summary>
    public static string Title(Random random, int year)
    {
        var builder = new StringBuilder(48);
        var form = random.NextDouble();
        if (form < 0.25)
        {
            // "The Silent River" becomes "Silent River, The", the way MovieLens files leading articles.
            var article = Articles[random.Next(Articles.Length)];
            if (article == "An")
            {
                article = "A";
            }

            builder.Append(Pick(random, Adjectives)).Append(' ').Append(Pick(random, Nouns)).Append(", ").Append(article);
        }
        else if (form < 0.45)
        {
            builder.Append(Pick(random, Adjectives)).Append(' ').Append(Pick(random, Nouns));
        }
        else if (form < 0.60)
        {
            builder.Append(Pick(random, Nouns)).Append(" of the ").Append(Pick(random, Nouns));
        }
        else if (form < 0.72)
        {
            builder.Append(Pick(random, Names)).Append("'s ").Append(Pick(random, Nouns));
        }
        else if (form < 0.82)
        {
            builder.Append(Pick(random, Nouns)).Append(' ').Append(random.Next(2, 6));
        }
        else if (form < 0.92)
        {
            builder.Append(Pick(random, Adjectives)).Append(' ').Append(Pick(random, Nouns)).Append(": ")
                .Append(Pick(random, Nouns)).Append(" of ").Append(Pick(random, Nouns));
        }
        else if (form < 0.998)
        {
            builder.Append(Pick(random, Nouns)).Append(", ").Append(Pick(random, Nouns)).Append(" and ").Append(Pick(random, Nouns));
        }
        else
        {
            // Rare embedded double quotes, like MovieLens' 11'09"01: CSV writes them doubled inside quotes.
            builder.Append(Pick(random, Names)).Append(" \"").Append(Pick(random, Adjectives)).Append("\" ").Append(Pick(random, Nouns));
        }

        if (random.NextDouble() < 0.03)
        {
            builder.Append(" (").Append(Pick(random, ForeignWords)).Append(' ').Append(Pick(random, Nouns).ToLowerInvariant()).Append(')');
        }

        return builder.Append(" (").Append(year).Append(')').ToString();
    }

    /// <summary>A field as CSV writes it: quoted (with doubled quotes) only when it holds a comma, quote or line break.</summary>
    public static string CsvField(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
