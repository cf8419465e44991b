using System.Linq;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Engine.Tests.Knowledge;

public class FindByCodeTests
{
    private static KnowledgeBase Kb => KnowledgeBase.Default;

    [Theory]
    [InlineData("UserErrorGuestAgentStatusUnavailable", "UserErrorGuestAgentStatusUnavailable")]
    [InlineData("usererrorguestagentstatusunavailable", "UserErrorGuestAgentStatusUnavailable")]
    [InlineData("320001", "320001")]
    [InlineData("ResourceNotFound", "320001")]
    [InlineData("BCMV2VMNotFound", "400094")]
    [InlineData("AzureVmOffline", "380008")]
    [InlineData("BackUpOperationFailedV2", "BackUpOperationFailed")]
    [InlineData("ExtensionOperationFailed", "ExtensionOperationFailedForManagedDisks")]
    [InlineData("VmNotInDesirableState", "UserErrorVmNotInDesirableState")]
    [InlineData("ID: 34513", "ID34513")]
    [InlineData("id 34513", "ID34513")]
    [InlineData("34513", "ID34513")]
    [InlineData("Error 34506", "34506")]
    [InlineData("0x80070003", "0x80070002")]
    [InlineData("0X8007018B", "0x8007018b")]
    [InlineData(" NoCode.AzureVmNotFound ", "NoCode.AzureVmNotFound")]
    public void Finds_by_code_alias_and_number(string query, string expected)
        => Assert.Equal(expected, Kb.FindByCode(query)?.Code);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("UserErrorThatDoesNotExist")]
    [InlineData("12345")]
    public void Unknown_codes_give_null(string query) => Assert.Null(Kb.FindByCode(query));

    [Fact]
    public void Codes_lists_every_entry_once_sorted()
    {
        Assert.Equal(Kb.Entries.Count, Kb.Codes.Count);
        Assert.Equal(Kb.Entries.Select(e => e.Code).OrderBy(c => c, System.StringComparer.OrdinalIgnoreCase), Kb.Codes);
        Assert.All(Kb.Codes, c => Assert.Same(Kb.FindByCode(c), Kb.Entries.Single(e => e.Code == c)));
    }

    [Fact]
    public void Default_is_loaded_once() => Assert.Same(KnowledgeBase.Default, KnowledgeBase.Default);
}
