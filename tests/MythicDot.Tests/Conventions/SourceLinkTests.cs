using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Text.RegularExpressions;

namespace MythicDot.Tests.Conventions;

/// <summary>
/// The PDB maps every source file to the repository on GitHub at the commit it was built from, so that a debugger steps into
/// the package's code. With MYTHICDOT_SNUPKG pointing at a symbol package (as <c>.ci/run</c> sets it), every PDB in it is
/// checked; otherwise the PDB built beside the assembly under test.
/// </summary>
public sealed partial class SourceLinkTests
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public void Pdb_MapsTheSourcesToTheRepositoryAtTheBuiltCommit()
    {
        var pdbs = Pdbs().ToList();
        Assert.NotEmpty(pdbs);

        foreach (var (name, bytes) in pdbs)
        {
            var json = SourceLinkJson(bytes);
            Assert.True(json is not null, $"{name} has no Source Link");
            var match = RawUrl().Match(json);
            Assert.True(match.Success, $"{name}: Source Link does not point at the repository on GitHub: {json}");
            var commit = match.Groups["commit"].Value;
            Assert.True(IsCommit(commit) != false, $"{name}: Source Link names {commit}, which is not a commit of this repository");
        }
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Pdbs()
    {
        if (Environment.GetEnvironmentVariable("MYTHICDOT_SNUPKG") is { Length: > 0 } package)
        {
            using var zip = ZipFile.OpenRead(package);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith("MythicDot.pdb", StringComparison.Ordinal)))
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                yield return (entry.FullName, copy.ToArray());
            }

            yield break;
        }

        var pdb = Path.ChangeExtension(typeof(MythicDotClient).Assembly.Location, ".pdb");
        yield return (pdb, File.ReadAllBytes(pdb));
    }

    private static string? SourceLinkJson(byte[] pdb)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbImage(System.Collections.Immutable.ImmutableArray.Create(pdb));
        var reader = provider.GetMetadataReader();
        foreach (var handle in reader.CustomDebugInformation)
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == SourceLinkKind)
            {
                return Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        return null;
    }

    /// <summary>Whether git knows the commit; <see langword="null"/> without git (the URL's shape is still checked).</summary>
    private static bool? IsCommit(string commit)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"cat-file -e {commit}^{{commit}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            })!;
            git.WaitForExit();
            return git.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [GeneratedRegex(@"""https://raw\.githubusercontent\.com/mythicdot/mythicdot-dotnet/(?<commit>[0-9a-f]{40})/\*""")]
    private static partial Regex RawUrl();
}
