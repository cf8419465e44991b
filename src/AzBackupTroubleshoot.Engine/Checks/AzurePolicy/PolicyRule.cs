using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Checks.AzurePolicy
{
    /// <summary>
    /// A resource Azure Backup creates (or deletes), as a policy rule sees it: type, name, location, tags. Indexed: it
    /// supports tags and location, so Indexed-mode definitions evaluate it (not resource groups, not restore points).
    /// </summary>
    public sealed class PlannedResource
    {
        public PlannedResource(string type, string? name, string? location, string id, bool indexed)
        {
            Type = type;
            Name = name;
            Location = location;
            Id = id;
            Indexed = indexed;
        }

        public string Type { get; }
        /// <summary>Null when Azure Backup picks it at creation (a restore point's).</summary>
        public string? Name { get; }
        public string? Location { get; }
        public string Id { get; }
        public bool Indexed { get; }

        /// <summary>Azure Backup creates its groups and collections without tags; only a modify or append policy adds some.</summary>
        public IReadOnlyDictionary<string, string> Tags { get; private init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Tags a policy may add (name, and why it cannot be told): a condition on them is not decidable.</summary>
        public IReadOnlyDictionary<string, string> MaybeTags { get; private init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public PlannedResource WithTags(IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string> maybe)
            => new(Type, Name, Location, Id, Indexed) { Tags = tags, MaybeTags = maybe };
    }

    /// <summary>What a condition came to: true, false, or not decidable from what ARM tells us (with why).</summary>
    public readonly struct Verdict
    {
        private Verdict(bool? value, string? why) { Value = value; Why = why; }

        public bool? Value { get; }
        public string? Why { get; }

        public static readonly Verdict True = new(true, null);
        public static readonly Verdict False = new(false, null);
        public static Verdict Unknown(string why) => new(null, why);
        public static Verdict Of(bool value) => value ? True : False;
    }

    /// <summary>
    /// Evaluates a policy rule's "if" (allOf, anyOf, not; field or value conditions with equals, notEquals, like, notLike,
    /// in, notIn, exists, contains, notContains, containsKey, notContainsKey) and its effect against a planned resource,
    /// with the assignment's parameters. Template functions: parameters, concat, field, toLower, toUpper. Anything else
    /// (aliases of properties we cannot know before Azure Backup creates the resource, other functions, count) is
    /// Unknown rather than guessed.
    /// </summary>
    public sealed class PolicyRule
    {
        private readonly IReadOnlyDictionary<string, JsonElement> _parameters;

        /// <param name="parameters">Parameter values: the assignment's, over the definition's defaults.</param>
        public PolicyRule(IReadOnlyDictionary<string, JsonElement> parameters) => _parameters = parameters;

        /// <summary>Parameter values for a definition: the given values, else the definition's defaultValue.</summary>
        public static Dictionary<string, JsonElement> Parameters(JsonElement definition, Func<string, JsonElement?> given)
        {
            var values = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            if (definition.TryGetProperty("properties", out var props) && props.TryGetProperty("parameters", out var declared) && declared.ValueKind == JsonValueKind.Object)
                foreach (var p in declared.EnumerateObject())
                    if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("defaultValue", out var d)) values[p.Name] = d;
            if (definition.TryGetProperty("properties", out props) && props.TryGetProperty("parameters", out declared) && declared.ValueKind == JsonValueKind.Object)
                foreach (var p in declared.EnumerateObject())
                    if (given(p.Name) is JsonElement v) values[p.Name] = v;
            return values;
        }

        /// <summary>The effect, resolved ("deny", "audit", "modify", ...), lower case; null when it cannot be resolved.</summary>
        public string? Effect(JsonElement policyRule)
        {
            if (!policyRule.TryGetProperty("then", out var then) || !then.TryGetProperty("effect", out var effect)) return null;
            var resolved = Resolve(effect, null);
            return resolved.Value is JsonElement e && e.ValueKind == JsonValueKind.String ? e.GetString()!.ToLowerInvariant() : null;
        }

        /// <summary>A denyAction rule's details.actionNames (parameters resolved), lower case; null when they cannot be resolved.</summary>
        public IReadOnlyList<string>? ActionNames(JsonElement policyRule)
        {
            if (policyRule.At("then.details.actionNames") is not JsonElement names) return null;
            var resolved = Resolve(names, null);
            if (resolved.Value is not JsonElement list || list.ValueKind != JsonValueKind.Array) return null;
            return list.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!.ToLowerInvariant()).ToList();
        }

        public Verdict Matches(JsonElement condition, PlannedResource resource)
        {
            if (condition.ValueKind != JsonValueKind.Object) return Verdict.Unknown("a condition that is not an object");
            if (condition.TryGetProperty("allOf", out var all))
            {
                var results = all.EnumerateArray().Select(c => Matches(c, resource)).ToList();
                if (results.Any(r => r.Value == false)) return Verdict.False;
                return results.FirstOrDefault(r => r.Value == null) is { Why: not null } u ? u : Verdict.True;
            }
            if (condition.TryGetProperty("anyOf", out var any))
            {
                var results = any.EnumerateArray().Select(c => Matches(c, resource)).ToList();
                if (results.Any(r => r.Value == true)) return Verdict.True;
                return results.FirstOrDefault(r => r.Value == null) is { Why: not null } u ? u : Verdict.False;
            }
            if (condition.TryGetProperty("not", out var inner))
            {
                var r = Matches(inner, resource);
                return r.Value == null ? r : Verdict.Of(!r.Value.Value);
            }

            Operand subject;
            if (condition.TryGetProperty("field", out var field))
            {
                var name = Resolve(field, resource);
                if (name.Unknown != null) return Verdict.Unknown(name.Unknown);
                subject = Field(name.Value!.Value.GetString() ?? "", resource);
            }
            else if (condition.TryGetProperty("value", out var value))
            {
                subject = Resolve(value, resource);
            }
            else if (condition.TryGetProperty("count", out _))
            {
                return Verdict.Unknown("a count expression");
            }
            else return Verdict.Unknown("a condition without field or value");
            if (subject.Unknown != null) return Verdict.Unknown(subject.Unknown);

            foreach (var op in condition.EnumerateObject())
            {
                if (op.Name is "field" or "value") continue;
                var target = Resolve(op.Value, resource);
                if (target.Unknown != null) return Verdict.Unknown(target.Unknown);
                return Compare(op.Name, subject.Value, target.Value!.Value);
            }
            return Verdict.Unknown("a condition without an operator");
        }

        private static Verdict Compare(string op, JsonElement? subject, JsonElement target)
        {
            string? Text(JsonElement? e) => e is JsonElement x ? x.ValueKind switch
            {
                JsonValueKind.String => x.GetString(),
                JsonValueKind.Number => x.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            } : null;
            bool Eq(string? a, string? b) => a != null && b != null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
            IEnumerable<string?> Items(JsonElement e) => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(i => Text(i)) : new[] { Text(e) };
            var s = Text(subject);
            switch (op.ToLowerInvariant())
            {
                case "equals": return Verdict.Of(Eq(s, Text(target)));
                case "notequals": return Verdict.Of(!Eq(s, Text(target)));
                case "in": return Verdict.Of(Items(target).Any(i => Eq(s, i)));
                case "notin": return Verdict.Of(!Items(target).Any(i => Eq(s, i)));
                case "like": return Verdict.Of(s != null && Like(s, Text(target) ?? ""));
                case "notlike": return Verdict.Of(!(s != null && Like(s, Text(target) ?? "")));
                case "contains": return Verdict.Of(s != null && Text(target) is string c && s.IndexOf(c, StringComparison.OrdinalIgnoreCase) >= 0);
                case "notcontains": return Verdict.Of(!(s != null && Text(target) is string c2 && s.IndexOf(c2, StringComparison.OrdinalIgnoreCase) >= 0));
                case "exists":
                    var wanted = Text(target);
                    if (!bool.TryParse(wanted, out var exists)) return Verdict.Unknown($"exists '{wanted}'");
                    return Verdict.Of((subject != null) == exists);
                case "containskey":
                case "notcontainskey":
                    var has = subject is JsonElement o && o.ValueKind == JsonValueKind.Object && Text(target) is string key
                        && o.EnumerateObject().Any(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
                    return Verdict.Of(op.Equals("containsKey", StringComparison.OrdinalIgnoreCase) ? has : !has);
                default: return Verdict.Unknown($"the operator '{op}'");
            }
        }

        private static bool Like(string value, string pattern)
            => Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>A field of the planned resource: type, name, location, tags and tags['x'] (also tags.x, tags[x]).</summary>
        private static Operand Field(string name, PlannedResource resource)
        {
            switch (name.ToLowerInvariant())
            {
                case "type": return Operand.Of(resource.Type);
                case "name":
                case "fullname": return resource.Name == null ? Operand.NotKnown("the name Azure Backup gives it") : Operand.Of(resource.Name);
                case "location": return resource.Location == null ? Operand.Missing : Operand.Of(resource.Location);
                case "id": return Operand.Of(resource.Id);
                case "tags":
                    return resource.MaybeTags.Count > 0 ? Operand.NotKnown(resource.MaybeTags.Values.First()) : Operand.Of(JsonSerializer.SerializeToElement(resource.Tags));
            }
            if (TagKey(name) is string key)
                return resource.Tags.TryGetValue(key, out var v) ? Operand.Of(v)
                    : resource.MaybeTags.TryGetValue(key, out var why) ? Operand.NotKnown(why) : Operand.Missing;
            return Operand.NotKnown($"the field '{name}', which Azure Backup sets when it creates the resource");
        }

        /// <summary>The tag a field names: tags['x'], tags[x] or tags.x; null for other fields.</summary>
        private static string? TagKey(string field)
        {
            var tag = Regex.Match(field, @"^tags(\[\s*'?(?<k>[^'\]]+)'?\s*\]|\.(?<k>.+))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            return tag.Success ? tag.Groups["k"].Value : null;
        }

        /// <summary>
        /// The tags a modify rule (then.details.operations with operation add or addOrReplace) or an append rule
        /// (then.details: field and value pairs) puts on the resource, each with its value, null when it cannot be resolved.
        /// </summary>
        public IEnumerable<(string Key, string? Value)> AddedTags(JsonElement policyRule, string effect, PlannedResource resource)
        {
            var items = effect == "modify"
                ? policyRule.Array("then.details.operations").Where(o => o.Str("operation") is string op
                    && (op.Equals("add", StringComparison.OrdinalIgnoreCase) || op.Equals("addOrReplace", StringComparison.OrdinalIgnoreCase)))
                : policyRule.Array("then.details");
            foreach (var item in items)
            {
                if (item.At("field") is not JsonElement f || Resolve(f, resource).Value is not JsonElement name || name.ValueKind != JsonValueKind.String) continue;
                if (TagKey(name.GetString()!) is not string key) continue;
                var value = item.At("value") is JsonElement v ? Resolve(v, resource) : Operand.NotKnown("no value");
                yield return (key, value.Value is JsonElement e && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
            }
        }

        /// <summary>A value or a template expression ("[parameters('x')]"), resolved.</summary>
        private Operand Resolve(JsonElement value, PlannedResource? resource)
        {
            if (value.ValueKind != JsonValueKind.String) return Operand.Of(value);
            var text = value.GetString()!;
            if (text.StartsWith("[[", StringComparison.Ordinal)) return Operand.Of(text.Substring(1));
            if (!(text.StartsWith("[", StringComparison.Ordinal) && text.EndsWith("]", StringComparison.Ordinal))) return Operand.Of(value);
            var parser = new ExpressionParser(text.Substring(1, text.Length - 2), this, resource);
            try
            {
                var result = parser.Parse();
                return result;
            }
            catch (FormatException ex)
            {
                return Operand.NotKnown(ex.Message);
            }
        }

        internal Operand Parameter(string name)
            => _parameters.TryGetValue(name, out var v) ? Operand.Of(v) : Operand.NotKnown($"the parameter '{name}', which has no value");

        internal static Operand FieldOf(string name, PlannedResource? resource)
            => resource == null ? Operand.NotKnown("field() outside a condition") : Field(name, resource);

        /// <summary>A resolved operand: a value, a missing value (the field is absent), or unknown (with why).</summary>
        internal readonly struct Operand
        {
            private Operand(JsonElement? value, string? unknown) { Value = value; Unknown = unknown; }
            public JsonElement? Value { get; }
            public string? Unknown { get; }
            public static Operand Of(JsonElement value) => new(value, null);
            public static Operand Of(string value) => new(JsonSerializer.SerializeToElement(value), null);
            public static readonly Operand Missing = new(null, null);
            public static Operand NotKnown(string why) => new(null, why);
        }

        /// <summary>The few template functions policy rules use for their operands.</summary>
        private sealed class ExpressionParser
        {
            private readonly string _text;
            private readonly PolicyRule _rule;
            private readonly PlannedResource? _resource;
            private int _at;

            public ExpressionParser(string text, PolicyRule rule, PlannedResource? resource)
            {
                _text = text;
                _rule = rule;
                _resource = resource;
            }

            public Operand Parse()
            {
                var result = Expression();
                Skip();
                if (_at != _text.Length) throw new FormatException($"the expression '[{_text}]'");
                return result;
            }

            private Operand Expression()
            {
                Skip();
                if (_at < _text.Length && _text[_at] == '\'') return Operand.Of(StringLiteral());
                var start = _at;
                while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_')) _at++;
                var name = _text.Substring(start, _at - start);
                if (name.Length == 0) throw new FormatException($"the expression '[{_text}]'");
                Skip();
                Expect('(');
                var args = new List<Operand>();
                Skip();
                if (Peek() != ')')
                {
                    do { args.Add(Expression()); Skip(); } while (TryTake(','));
                }
                Expect(')');
                foreach (var a in args) if (a.Unknown != null) return a;
                string Str(int i) => args.Count > i && args[i].Value is JsonElement e && e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"the function '{name}' with these arguments");
                switch (name.ToLowerInvariant())
                {
                    case "parameters": return _rule.Parameter(Str(0));
                    case "field": return FieldOf(Str(0), _resource);
                    case "concat":
                        var sb = new StringBuilder();
                        for (var i = 0; i < args.Count; i++) sb.Append(Str(i));
                        return Operand.Of(sb.ToString());
                    case "tolower": return Operand.Of(Str(0).ToLowerInvariant());
                    case "toupper": return Operand.Of(Str(0).ToUpperInvariant());
                    default: return Operand.NotKnown($"the function '{name}()'");
                }
            }

            private string StringLiteral()
            {
                Expect('\'');
                var sb = new StringBuilder();
                while (_at < _text.Length)
                {
                    if (_text[_at] == '\'')
                    {
                        if (_at + 1 < _text.Length && _text[_at + 1] == '\'') { sb.Append('\''); _at += 2; continue; }
                        _at++;
                        return sb.ToString();
                    }
                    sb.Append(_text[_at++]);
                }
                throw new FormatException($"the expression '[{_text}]'");
            }

            private void Skip() { while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++; }
            private char Peek() => _at < _text.Length ? _text[_at] : '\0';
            private bool TryTake(char c) { Skip(); if (Peek() != c) return false; _at++; return true; }
            private void Expect(char c) { if (!TryTake(c)) throw new FormatException($"the expression '[{_text}]'"); }
        }
    }
}
