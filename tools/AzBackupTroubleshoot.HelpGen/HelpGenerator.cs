using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AzBackupTroubleshoot.HelpGen;

/// <summary>
/// MAML from the markdown in module/help and the cmdlet metadata. A parameter's text is the cmdlet's own
/// (&lt;Cmdlet-Name&gt;.md) or else the shared one (_common-parameters.md); it is written once per parameter and repeated
/// by the generator in every syntax block. Any mismatch between markdown and cmdlets is an error naming file and line.
/// </summary>
public static class HelpGenerator
{
    public const string CommonFile = "_common-parameters.md";
    /// <summary>Optional: the order of the cmdlets in the MAML (and so in the help example tests); the rest follow by name.</summary>
    public const string OrderFile = "_order.txt";

    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    // The ShouldProcess parameters PowerShell adds; documented like any other parameter (normally in the shared file).
    private static readonly ParameterModel WhatIf = new("WhatIf", "SwitchParameter", true, new[] { "wi" }, new[] { new ParameterUse(CmdletModel.AllParameterSets, false, null, false, false) });
    private static readonly ParameterModel Confirm = new("Confirm", "SwitchParameter", true, new[] { "cf" }, new[] { new ParameterUse(CmdletModel.AllParameterSets, false, null, false, false) });

    public sealed record Result(XDocument? Maml, IReadOnlyList<string> Errors);

    public static Result Generate(IReadOnlyList<CmdletModel> cmdlets, string helpDirectory)
    {
        var errors = new List<string>();
        var commonPath = Path.Combine(helpDirectory, CommonFile);
        var common = File.Exists(commonPath) ? HelpMarkdown.Read(commonPath, errors, intro: true).Parameters : new List<ParameterText>();
        var helps = Directory.GetFiles(helpDirectory, "*.md").Where(f => Path.GetFileName(f) != CommonFile && !Path.GetFileName(f).StartsWith('_'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => HelpMarkdown.Read(f, errors)).ToList();

        foreach (var help in helps.Where(h => h.Name != Path.GetFileNameWithoutExtension(h.Path)))
            errors.Add($"{help.Path}(1): error AZBTHELP: the title '# {help.Name}' does not match the file name");
        foreach (var help in helps.Where(h => h.Name.Length > 0 && !cmdlets.Any(c => c.Name == h.Name)))
            errors.Add($"{help.Path}(1): error AZBTHELP: {help.Name} is not a cmdlet of the module; delete the file or fix its name");
        foreach (var cmdlet in cmdlets.Where(c => !helps.Any(h => h.Name == c.Name)))
            errors.Add($"{Path.Combine(helpDirectory, cmdlet.Name + ".md")}: error AZBTHELP: {cmdlet.Name} has no help; write {cmdlet.Name}.md (see docs/module.md, Help)");

        var orderPath = Path.Combine(helpDirectory, OrderFile);
        var order = File.Exists(orderPath) ? File.ReadAllLines(orderPath).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList() : new List<string>();
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
        foreach (var cmdlet in cmdlets.OrderBy(c => order.IndexOf(c.Name) is var i && i >= 0 ? i : int.MaxValue).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var help = helps.FirstOrDefault(h => h.Name == cmdlet.Name);
            if (help == null) continue;
            var element = CommandElement(cmdlet, help, common, errors);
            if (element != null) root.Add(element);
        }
        if (errors.Count > 0) return new Result(null, errors);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XComment(" Generated at build from module/help/*.md and the cmdlet assembly by tools/AzBackupTroubleshoot.HelpGen. Edit the markdown, not this file. "),
            root);
        return new Result(document, errors);
    }

    public static string ToText(XDocument document)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings)) document.Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement? CommandElement(CmdletModel cmdlet, CmdletHelp help, List<ParameterText> common, List<string> errors)
    {
        void Error(string message) => errors.Add($"{help.Path}: error AZBTHELP: {message}");
        if (help.Synopsis.Count == 0) Error($"{cmdlet.Name} has no ## SYNOPSIS");
        if (help.Description.Count == 0) Error($"{cmdlet.Name} has no ## DESCRIPTION");
        if (help.Examples.Count == 0) Error($"{cmdlet.Name} has no example under ## EXAMPLES");

        var parameters = cmdlet.Parameters.Concat(cmdlet.SupportsShouldProcess ? new[] { WhatIf, Confirm } : Array.Empty<ParameterModel>()).ToList();
        foreach (var documented in help.Parameters.Where(d => !parameters.Any(p => p.Name == d.Name)))
            errors.Add($"{documented.Path}({documented.Line}): error AZBTHELP: {cmdlet.Name} has no parameter -{documented.Name}; remove its text or fix the name");
        // The text of each parameter: the cmdlet's own, else the shared one.
        var texts = new Dictionary<string, ParameterText>();
        foreach (var parameter in parameters)
        {
            var text = help.Parameters.FirstOrDefault(d => d.Name == parameter.Name) ?? common.FirstOrDefault(d => d.Name == parameter.Name);
            if (text == null) Error($"{cmdlet.Name} -{parameter.Name} has no text: add '### -{parameter.Name}' under ## PARAMETERS in {Path.GetFileName(help.Path)}");
            else texts[parameter.Name] = text;
        }
        // The order the help lists parameters in: the cmdlet's markdown, then the shared file, then the cmdlet's.
        int Rank(ParameterModel p)
        {
            var own = help.Parameters.FindIndex(d => d.Name == p.Name);
            if (own >= 0) return own;
            var shared = common.FindIndex(d => d.Name == p.Name);
            return shared >= 0 ? 1000 + shared : 2000 + parameters.IndexOf(p);
        }
        parameters = parameters.OrderBy(Rank).ToList();
        if (texts.Count < parameters.Count) return null;

        var element = new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev), new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Name[..cmdlet.Name.IndexOf('-')]),
                new XElement(Command + "noun", cmdlet.Name[(cmdlet.Name.IndexOf('-') + 1)..]),
                Description(help.Synopsis)),
            Description(help.Description));

        var syntax = new XElement(Command + "syntax");
        foreach (var set in cmdlet.ParameterSets)
        {
            var inSet = parameters.Where(p => p.In(set) != null)
                .OrderBy(p => p.In(set)!.Position ?? int.MaxValue).ToList();
            syntax.Add(new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", cmdlet.Name),
                inSet.Select(p => Parameter(p, new[] { p.In(set)! }, texts[p.Name]))));
        }
        element.Add(syntax);
        element.Add(new XElement(Command + "parameters", parameters.Select(p => Parameter(p, p.Uses, texts[p.Name]))));
        element.Add(new XElement(Command + "inputTypes", help.Inputs.Select(i => new XElement(Command + "inputType", Type(i.Type), Description(i.Description)))));
        element.Add(new XElement(Command + "returnValues", help.Outputs.Select(o => new XElement(Command + "returnValue", Type(o.Type), Description(o.Description)))));
        if (help.Notes.Count > 0)
            element.Add(new XElement(Maml + "alertSet", new XElement(Maml + "alert", help.Notes.Select(Para))));
        element.Add(new XElement(Command + "examples", help.Examples.Select(e => new XElement(Command + "example",
            new XElement(Maml + "title", "-------------------------- " + e.Title + " --------------------------"),
            new XElement(Dev + "code", e.Code),
            new XElement(Dev + "remarks", e.Remarks.Select(Para))))));
        element.Add(new XElement(Command + "relatedLinks", help.Links.Select(l => new XElement(Maml + "navigationLink",
            new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri)))));
        return element;
    }

    /// <summary>One parameter entry; its attributes summarise the given uses (one set in a syntax block, all in the parameter list).</summary>
    private static XElement Parameter(ParameterModel parameter, IReadOnlyList<ParameterUse> uses, ParameterText text)
    {
        var byValue = uses.Any(u => u.FromPipeline);
        var byName = uses.Any(u => u.FromPipelineByPropertyName);
        var pipeline = byValue || byName ? "true (" + string.Join(", ", new[] { byValue ? "ByValue" : null, byName ? "ByPropertyName" : null }.Where(s => s != null)) + ")" : "false";
        var position = uses.Select(u => u.Position).FirstOrDefault(p => p != null);
        var element = new XElement(Command + "parameter",
            new XAttribute("required", uses.Any(u => u.Mandatory) ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", position?.ToString() ?? "named"),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(text.Description));
        // A switch takes no value; help shows it with none.
        element.Add(new XElement(Command + "parameterValue", new XAttribute("required", parameter.IsSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), parameter.TypeName));
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", parameter.TypeName), new XElement(Maml + "uri")));
        element.Add(new XElement(Dev + "defaultValue", text.DefaultValue ?? (parameter.IsSwitch ? "False" : "None")));
        return element;
    }

    private static XElement Type(string name) => new(Dev + "type", new XElement(Maml + "name", name));

    private static XElement Description(IEnumerable<string> paras) => new(Maml + "description", paras.Select(Para));

    private static XElement Para(string text) => new(Maml + "para", text);
}
