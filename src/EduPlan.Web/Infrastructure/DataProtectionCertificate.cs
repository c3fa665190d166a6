using System.Security.Cryptography.X509Certificates;

namespace EduPlan.Web.Infrastructure;

/// <summary>
/// The optional certificate that encrypts the Data Protection keys at rest: configuration
/// "DataProtection:CertificatePath" (a .pfx file) and "DataProtection:CertificatePassword".
/// </summary>
public static class DataProtectionCertificate
{
    public const string PathKey = "DataProtection:CertificatePath";
    public const string PasswordKey = "DataProtection:CertificatePassword";

    /// <summary>The certificate, or null when none is configured; a configured one that cannot be used stops start-up.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[PathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{PathKey} names a file that does not exist: {path}");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordKey]);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{PathKey}: the certificate has no private key, so the keys could not be read back.");
        }

        return certificate;
    }
}
