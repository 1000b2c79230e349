using HnlService.Infrastructure.Persistence;
using HnlService.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Storage;

/// <summary>Deletes a dataset or model row and then frees the stored files only it referenced.</summary>
internal static class StoredRowDeletion
{
    /// <summary>
    /// Removes the row, runs ensureUnused again when the database rejects the removal, and returns the
    /// number of stored files freed. The second check turns a foreign-key failure caused by an analysis
    /// created since the first check into the same conflict the first check reports.
    /// </summary>
    public static async Task<int> DeleteAsync(
        HnlDbContext context,
        object row,
        Func<Task> ensureUnused,
        IReadOnlyCollection<string> storedPaths,
        StoredFileSweeper sweeper,
        CancellationToken cancellationToken)
    {
        context.Remove(row);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await ensureUnused();
            throw;
        }

        return await sweeper.FreeAsync(context, storedPaths, cancellationToken);
    }
}
