using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Splits;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Neural;

[Collection(TorchCollection.Name)]
public sealed class MatrixFactorizationNNTests
{
    [Fact]
    public void LearnsTheTrainingRatingsOfASmallMatrix()
    {
        // Rank-1 structure plus biases: user u rates movie m as 2 + u + (m mod 2) (clipped to 5).
        var users = new List<int>();
        var movies = new List<int>();
        var stars = new List<float>();
        for (var u = 0; u < 3; u++)
        {
            for (var m = 0; m < 6; m++)
            {
                users.Add(u + 1);
                movies.Add(m + 10);
                stars.Add(Math.Min(5f, 2 + u + (m % 2)));
            }
        }

        var ratings = new RatingsTable(users.ToArray(), movies.ToArray(), stars.ToArray(), new long[users.Count]);
        var model = new MatrixFactorizationNN(new MatrixFactorizationNNOptions
        {
            Factors = 2,
            Regularization = 0,
            ValidationFraction = 0,
            Training = new TrainingOptions { Epochs = 300, BatchSize = 6, LearningRate = 0.05, Seed = 1 },
        });

        model.Fit(new TrainingData(ratings));
        var predicted = model.PredictRatings(ratings.UserIds, ratings.MovieIds);

        Assert.True(RatingMetrics.RootMeanSquaredError(ratings.Ratings, predicted) < 0.1);
        Assert.Equal(300, model.History!.EpochCount);
        Assert.True(model.ExamplesPerSecond > 0);
    }

    [Fact]
    public void PredictionsAreClippedAndUnknownPairsGetTheBaseline()
    {
        var ratings = new RatingsTable([1, 1, 2, 2], [10, 11, 10, 11], [5f, 5f, 5f, 4.5f], new long[4]);
        var model = new MatrixFactorizationNN(new MatrixFactorizationNNOptions
        {
            Factors = 2,
            ValidationFraction = 0,
            InitialScale = 3, // large factors push raw scores off the scale
            Regularization = 0,
            Training = new TrainingOptions { Epochs = 1, LearningRate = 1e-6 },
        });
        model.Fit(new TrainingData(ratings));

        var predictions = model.PredictRatings([1, 1, 99, 99], [10, 99, 10, 98]);
        var raw = model.Score([1], [10]);

        Assert.All(predictions, p => Assert.InRange(p, 0.5f, 5f));
        Assert.False(float.IsNaN(predictions[1]));
        Assert.True(float.IsNaN(model.Score([99], [10])[0]));
        Assert.Equal(Math.Clamp(raw[0], 0.5f, 5f), predictions[0]);

        // Unknown user and movie: the global mean 4.875.
        Assert.Equal(4.875f, predictions[3], 3);
    }

    [Fact]
    public void LoadingWeightsOfAnotherConfigurationIsAClearError()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        var small = new MatrixFactorizationNN(new MatrixFactorizationNNOptions { Factors = 2, ValidationFraction = 0, Training = new TrainingOptions { Epochs = 1 } });
        small.Fit(fixture.Train);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "mf");
        small.Save(folder);
        var configuration = Path.Combine(folder, "configuration.json");
        File.WriteAllText(configuration, File.ReadAllText(configuration).Replace("\"Factors\": 2", "\"Factors\": 3"));

        var error = Assert.Throws<InvalidDataException>(() => MatrixFactorizationNN.Load(folder));

        Assert.Contains("does not match the model's configuration", error.Message);
        Assert.Contains("shape", error.Message);
    }

    [Fact]
    public void LoadingAnotherModelTypeIsAClearError()
    {
        var fixture = Conformance.CheckerboardFixture.Build();
        var model = new MatrixFactorizationNN(new MatrixFactorizationNNOptions { Factors = 2, ValidationFraction = 0, Training = new TrainingOptions { Epochs = 1 } });
        model.Fit(fixture.Train);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "mf");
        model.Save(folder);

        var error = Assert.Throws<InvalidDataException>(() => Cfnn.Load(folder));

        Assert.Contains(nameof(MatrixFactorizationNN), error.Message);
    }

    [Fact]
    public void InvalidOptionsNameTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new MatrixFactorizationNN(new MatrixFactorizationNNOptions { Factors = 0 }));

        Assert.Equal("options", error.ParamName);
    }
}
