using AzBackupTroubleshoot.HelpGen;

// dotnet AzBackupTroubleshoot.HelpGen.dll <cmdlet assembly> <file listing its references, one a line> <module/help> <output .xml>
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: AzBackupTroubleshoot.HelpGen <cmdlet assembly> <references file> <help folder> <output xml>");
    return 2;
}
var references = File.ReadAllLines(args[1]).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
List<CmdletModel> cmdlets;
try
{
    cmdlets = CmdletReader.Read(args[0], references);
}
catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"{args[0]}: error AZBTHELP: the cmdlet assembly could not be read: {e.Message}");
    return 1;
}
var result = HelpGenerator.Generate(cmdlets, args[2]);
foreach (var error in result.Errors) Console.Error.WriteLine(error);
if (result.Maml == null) return 1;
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[3]))!);
var text = HelpGenerator.ToText(result.Maml);
// Unchanged help keeps its timestamp, so the copies after it are skipped too.
if (!File.Exists(args[3]) || File.ReadAllText(args[3]) != text) File.WriteAllText(args[3], text);
else File.SetLastWriteTimeUtc(args[3], DateTime.UtcNow);
Console.WriteLine($"{args[3]}: help for {result.Maml.Root!.Elements().Count()} cmdlets");
return 0;
