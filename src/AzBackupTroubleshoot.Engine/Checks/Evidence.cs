namespace AzBackupTroubleshoot.Checks
{
    /// <summary>A value a check looked at: which resource, which JSON path, what it held.</summary>
    public sealed class Evidence
    {
        public Evidence(string resourceId, string path, string? value)
        {
            ResourceId = resourceId;
            Path = path;
            Value = value;
        }

        public string ResourceId { get; }
        public string Path { get; }
        public string? Value { get; }

        public override string ToString() => $"{Path}={Value ?? "null"}";
    }
}
