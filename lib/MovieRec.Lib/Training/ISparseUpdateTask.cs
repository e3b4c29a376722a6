namespace MovieRec.Training;

/// <summary>
/// A <see cref="ITrainingTask"/> that updates some tables itself, row by row (for example with
/// <see cref="LazyAdamTable"/>), instead of through the loop's dense optimizer. Those tables must not require grad, so
/// the loop's optimizer does not hold them; the loop tells the task when a run starts, after every step and when
/// it ends.
/// </summary>
public interface ISparseUpdateTask : ITrainingTask
{
    /// <summary>
    /// Called at the start of every run attempt (again after a restart, when the weights were restored): start the
    /// row-wise optimizer state afresh, with the loop's <paramref name="options"/> (optimizer kind, weight decay).
    /// </summary>
    void BeginSparseUpdates(TrainingOptions options);

    /// <summary>Called after every batch's backward pass and dense optimizer step, with that step's learning rate.</summary>
    void ApplySparseUpdates(double learningRate);

    /// <summary>Called when a run attempt ends (normally or not): release the row-wise optimizer state.</summary>
    void EndSparseUpdates();
}
