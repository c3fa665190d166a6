using System.Security.Cryptography;
using System.Text;
using EduPlan.Data;
using EduPlan.Data.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlan.Application.Auditing;

/// <summary>
/// What the audit log keeps of a user name typed at sign-in that matches no account: a marker and a keyed hash
/// (HMAC-SHA256), never the text, which may be a password typed into the wrong box. The same name always gives the
/// same hash, so repeated attempts still correlate; without the key, which is generated once and kept in the
/// database protected by the Data Protection key ring (<see cref="AppSecret"/>), a hash cannot be tested against
/// guesses. A singleton: the key is read once, through a scope of its own so that nothing another DbContext has
/// staged is saved with it.
/// </summary>
public sealed class TypedNameHashes(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The audit entry's actor name for an unknown typed name starts with this, followed by the hash.</summary>
    public const string UnknownNameMarker = "unknown-name:";

    /// <summary>The <see cref="AppSecret.Name"/> of the key.</summary>
    public const string SecretName = "audit-typed-names";

    private const string Purpose = "EduPlan.Auditing.TypedNameHashes.v1";
    private const int KeyBytes = 32;
    private const int ShownHashBytes = 12;

    private readonly SemaphoreSlim gate = new(1, 1);
    private byte[]? key;

    /// <summary>
    /// "unknown-name:" and the first 96 bits of HMAC-SHA256 of the name as Identity compares it (trimmed, upper case),
    /// in hexadecimal: what the audit log records as the actor of a failed sign-in with a name no account has.
    /// </summary>
    public async Task<string> ActorNameAsync(string typedName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typedName);
        var secret = await KeyAsync(cancellationToken);
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(typedName.Trim().ToUpperInvariant()));
        return UnknownNameMarker + Convert.ToHexStringLower(mac.AsSpan(0, ShownHashBytes));
    }

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (key is { } known)
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return key ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        var protector = protection.CreateProtector(Purpose);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduPlanDbContext>();
        if (await ReadAsync(db, cancellationToken) is { } stored)
        {
            return protector.Unprotect(Decode(stored));
        }

        var generated = RandomNumberGenerator.GetBytes(KeyBytes);
        db.AppSecrets.Add(new AppSecret
        {
            Name = SecretName,
            ProtectedValue = Convert.ToBase64String(protector.Protect(generated)),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return generated;
        }
        catch (DbUpdateException)
        {
            // Another instance stored its key first: use that one, so every instance hashes alike.
            db.ChangeTracker.Clear();
            var theirs = await ReadAsync(db, cancellationToken) ?? throw new InvalidOperationException("The typed-name key could not be stored.");
            return protector.Unprotect(Decode(theirs));
        }
    }

    private static Task<string?> ReadAsync(EduPlanDbContext db, CancellationToken cancellationToken) =>
        db.AppSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.ProtectedValue).SingleOrDefaultAsync(cancellationToken);

    private static byte[] Decode(string stored) => Convert.FromBase64String(stored);
}
