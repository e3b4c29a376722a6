namespace MovieRec.Training;

/// <summary>
/// Training produced a loss that is NaN or infinite. Usually the learning rate is too high (or the
/// temperature too low); the message names where it happened so the run can be reproduced.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception for the batch where the loss stopped being finite.</summary>
    public TrainingDivergedException(int epoch, int batch, double loss, double learningRate)
        : base(
            $"Training diverged: the loss is {loss} in epoch {epoch}, batch {batch} (learning rate {learningRate:G3}). " +
            "Lower the learning rate, raise the temperature, or enable gradient clipping.")
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>1-based epoch of the bad batch.</summary>
    public int Epoch { get; }

    /// <summary>1-based batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>The non-finite loss value.</summary>
    public double Loss { get; }
}
