using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Engine.Tests.Knowledge;

/// <summary>The data files on disk: one per area, and the reader refuses malformed ones.</summary>
public class KnowledgeFileTests
{
    private static string KnowledgeFolder => Path.Combine(SeedFiles.RepoRoot, "knowledge");

    // knowledge/messages.json and check-texts.json hold fixed phrasing, not error entries (see Knowledge/Phrases.cs).
    private static readonly string[] PhraseFiles = { "messages.json", "check-texts.json" };

    private static string[] AreaFiles() => Directory.GetFiles(KnowledgeFolder, "*.json").Where(f => !PhraseFiles.Contains(Path.GetFileName(f))).ToArray();

    [Fact]
    public void Each_file_holds_one_area_named_like_the_file()
    {
        var files = AreaFiles();
        Assert.Equal(6, files.Length);
        foreach (var file in files)
        {
            var area = Path.GetFileNameWithoutExtension(file);
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal(area, document.RootElement.GetProperty("area").GetString());
            using var stream = File.OpenRead(file);
            Assert.All(KnowledgeFileReader.Read(stream, file), e => Assert.Equal(area, e.Area));
        }
    }

    [Fact]
    public void Every_file_on_disk_is_embedded()
    {
        var onDisk = AreaFiles()
            .Sum(f => { using var s = File.OpenRead(f); return KnowledgeFileReader.Read(s, f).Count; });
        Assert.Equal(onDisk, KnowledgeBase.Default.Entries.Count);
    }

    [Theory]
    [InlineData("[]", "'entries'")]
    [InlineData("{\"entries\":[{\"area\":\"jobs\",\"fixLocation\":\"arm\",\"title\":{\"en\":\"t\"},\"cause\":{\"en\":\"c\"}}]}", "'code'")]
    [InlineData("{\"entries\":[{\"code\":\"X\",\"area\":\"jobs\",\"fixLocation\":\"arm\",\"cause\":{\"en\":\"c\"}}]}", "'title'")]
    [InlineData("{\"entries\":[{\"code\":\"X\",\"area\":\"jobs\",\"fixLocation\":\"arm\",\"title\":{\"it\":\"t\"},\"cause\":{\"en\":\"c\"}}]}", "'title.en'")]
    [InlineData("{\"entries\":[{\"code\":\"X\",\"area\":\"jobs\",\"fixLocation\":\"somewhere\",\"title\":{\"en\":\"t\"},\"cause\":{\"en\":\"c\"}}]}", "somewhere")]
    public void Malformed_files_are_refused_with_the_reason(string json, string reason)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var error = Assert.Throws<FormatException>(() => KnowledgeFileReader.Read(stream, "bad.json").ToList());
        Assert.Contains(reason, error.Message);
    }
}
