using System.Text;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.HelpGen;

/// <summary>The texts of one cmdlet's help, as written in module/help/&lt;Cmdlet-Name&gt;.md (platyPS-style markdown).</summary>
public sealed class CmdletHelp
{
    public string Name { get; set; } = "";
    public required string Path { get; init; }
    public List<string> Synopsis { get; } = new();
    public List<string> Description { get; } = new();
    public List<HelpExample> Examples { get; } = new();
    /// <summary>By parameter name, in the order the markdown lists them.</summary>
    public List<ParameterText> Parameters { get; } = new();
    public List<TypeText> Inputs { get; } = new();
    public List<TypeText> Outputs { get; } = new();
    public List<string> Notes { get; } = new();
    public List<(string Text, string Uri)> Links { get; } = new();
}

public sealed record HelpExample(string Title, string Code, List<string> Remarks);

/// <summary>A parameter's description; DefaultValue only when the markdown states one the metadata cannot tell (a property's initial value).</summary>
public sealed record ParameterText(string Name, List<string> Description, string? DefaultValue, string Path, int Line);

public sealed record TypeText(string Type, List<string> Description);

/// <summary>
/// Reads the markdown. The format: an optional front matter between --- lines; "# Name"; "## SECTION" for SYNOPSIS,
/// DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS; "### " for each example, parameter
/// ("### -Name"), input and output type. Paragraphs are separated by blank lines (a paragraph's lines are joined with a
/// space); an example's code is its ```powershell fence; a parameter's only fence is an optional ```yaml with
/// "Default value: ...". Everything else about a parameter (type, sets, aliases, position, pipeline) comes from the cmdlet.
/// </summary>
public static class HelpMarkdown
{
    private static readonly string[] Sections = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

    private abstract record Block(int Line);
    private sealed record Heading(int Line, int Level, string Text) : Block(Line);
    private sealed record Para(int Line, string Text) : Block(Line);
    private sealed record Fence(int Line, string Language, string Code) : Block(Line);

    /// <param name="intro">Whether prose may follow the title (the shared file explains itself); in a cmdlet's file it would be lost, so it is an error.</param>
    public static CmdletHelp Read(string path, List<string> errors, bool intro = false)
    {
        var blocks = Blocks(path, File.ReadAllLines(path), errors);
        var help = new CmdletHelp { Path = path };
        string? title = null;
        string? section = null;
        HelpExample? example = null;
        ParameterText? parameter = null;
        List<string>? typeText = null;
        void Error(Block b, string message) => errors.Add($"{path}({b.Line}): error AZBTHELP: {message}");

        foreach (var block in blocks)
        {
            if (block is Heading h)
            {
                example = null; parameter = null; typeText = null;
                if (h.Level == 1)
                {
                    if (title != null) Error(h, "a second '# ' title; a help file documents one cmdlet");
                    title = h.Text;
                }
                else if (h.Level == 2)
                {
                    section = h.Text.ToUpperInvariant();
                    if (section == "SYNTAX") Error(h, "leave out ## SYNTAX: the syntax is generated from the cmdlet's parameter sets");
                    else if (!Sections.Contains(section)) Error(h, $"unknown section '## {h.Text}' (expected one of {string.Join(", ", Sections)})");
                }
                else if (h.Level == 3 && section == "EXAMPLES")
                {
                    example = new HelpExample(h.Text, "", new List<string>());
                    help.Examples.Add(example);
                }
                else if (h.Level == 3 && section == "PARAMETERS")
                {
                    if (!h.Text.StartsWith('-') || h.Text.Length < 2 || h.Text.Contains(' '))
                    {
                        Error(h, $"a parameter heading is '### -Name', not '### {h.Text}'");
                        continue;
                    }
                    var name = h.Text[1..];
                    if (help.Parameters.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                        Error(h, $"-{name} is documented twice");
                    parameter = new ParameterText(name, new List<string>(), null, path, h.Line);
                    help.Parameters.Add(parameter);
                }
                else if (h.Level == 3 && section is "INPUTS" or "OUTPUTS")
                {
                    var type = new TypeText(h.Text, new List<string>());
                    (section == "INPUTS" ? help.Inputs : help.Outputs).Add(type);
                    typeText = type.Description;
                }
                else Error(h, $"a level-{h.Level} heading is not expected in {section ?? "the title"}");
                continue;
            }

            switch (section)
            {
                case "SYNOPSIS": AddText(help.Synopsis, block); break;
                case "DESCRIPTION": AddText(help.Description, block); break;
                case "NOTES": AddText(help.Notes, block); break;
                case "EXAMPLES" when example != null:
                    if (block is Fence f)
                    {
                        if (example.Code.Length > 0) Error(block, $"example '{example.Title}' has a second code block");
                        else help.Examples[^1] = example = example with { Code = f.Code };
                    }
                    else example.Remarks.Add(((Para)block).Text);
                    break;
                case "PARAMETERS" when parameter != null:
                    if (block is Fence yaml)
                    {
                        if (yaml.Language != "yaml") { Error(block, $"-{parameter.Name}: only a ```yaml block with 'Default value:' may follow a parameter's text"); break; }
                        foreach (var line in yaml.Code.Split('\n').Where(l => l.Trim().Length > 0))
                        {
                            var m = Regex.Match(line, @"^\s*Default value:\s*(.*?)\s*$");
                            if (m.Success) help.Parameters[^1] = parameter = parameter with { DefaultValue = m.Groups[1].Value };
                            else Error(block, $"-{parameter.Name}: '{line.Trim()}' is not for the markdown: type, parameter sets, aliases, position, required and pipeline input come from the cmdlet; only 'Default value:' may be given");
                        }
                    }
                    else parameter.Description.Add(((Para)block).Text);
                    break;
                case "INPUTS" or "OUTPUTS" when typeText != null: AddText(typeText, block); break;
                case null when intro && block is Para: break;
                case "RELATED LINKS":
                    foreach (Match m in Regex.Matches(block is Para p ? p.Text : "", @"\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)"))
                        help.Links.Add((m.Groups["text"].Value, m.Groups["uri"].Value));
                    if (block is not Para || !Regex.IsMatch(((Para)block).Text, @"^(\s*\[[^\]]+\]\([^)]*\)\s*)+$"))
                        Error(block, "RELATED LINKS holds only links: [Text](uri)");
                    break;
                default: Error(block, $"text outside a section or heading ({section ?? "before ## SYNOPSIS"})"); break;
            }
        }
        if (title == null) errors.Add($"{path}(1): error AZBTHELP: no '# Cmdlet-Name' title");
        foreach (var e in help.Examples.Where(e => e.Code.Trim().Length == 0))
            errors.Add($"{path}: error AZBTHELP: example '{e.Title}' has no ```powershell code block");
        foreach (var p in help.Parameters.Where(p => p.Description.Count == 0))
            errors.Add($"{path}({p.Line}): error AZBTHELP: -{p.Name} has a heading but no text");
        help.Name = title ?? "";
        return help;

        void AddText(List<string> target, Block b)
        {
            if (b is Para p) target.Add(p.Text);
            else Error(b, "a code block is only expected in an example (or a parameter's ```yaml default)");
        }
    }

    private static List<Block> Blocks(string path, string[] lines, List<string> errors)
    {
        var blocks = new List<Block>();
        var i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++) { }
            i++;
        }
        var para = new StringBuilder();
        var paraLine = 0;
        void EndPara()
        {
            if (para.Length > 0) blocks.Add(new Para(paraLine, para.ToString()));
            para.Clear();
        }
        for (; i < lines.Length; i++)
        {
            var line = lines[i];
            var fence = Regex.Match(line, @"^```\s*(\w*)\s*$");
            if (fence.Success)
            {
                EndPara();
                var start = i + 1;
                var code = new List<string>();
                for (i++; i < lines.Length && lines[i].TrimEnd() != "```"; i++) code.Add(lines[i]);
                if (i >= lines.Length) errors.Add($"{path}({start}): error AZBTHELP: a ``` code block is not closed");
                blocks.Add(new Fence(start, fence.Groups[1].Value.ToLowerInvariant(), string.Join("\n", code)));
                continue;
            }
            var heading = Regex.Match(line, @"^(#{1,6})\s+(.*?)\s*$");
            if (heading.Success)
            {
                EndPara();
                blocks.Add(new Heading(i + 1, heading.Groups[1].Length, heading.Groups[2].Value));
                continue;
            }
            if (line.Trim().Length == 0) { EndPara(); continue; }
            if (para.Length == 0) paraLine = i + 1;
            else para.Append(' ');
            para.Append(line.Trim());
        }
        EndPara();
        return blocks;
    }
}
