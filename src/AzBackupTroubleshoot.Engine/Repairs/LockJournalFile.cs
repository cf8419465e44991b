using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>A lock's full definition, as the journal keeps it: enough to re-create it exactly.</summary>
    public sealed class JournaledLock
    {
        public string Id { get; set; } = "";
        public string Scope { get; set; } = "";
        public string Name { get; set; } = "";
        public string Level { get; set; } = "";
        public string? Notes { get; set; }
        /// <summary>The lock's owners (properties.owners[].applicationId).</summary>
        public List<string> Owners { get; set; } = new List<string>();

        public static JournaledLock From(LockInfo lockInfo) => new JournaledLock
        {
            Id = lockInfo.Id,
            Scope = lockInfo.Scope,
            Name = lockInfo.Name,
            Level = lockInfo.Level,
            Notes = lockInfo.Notes,
            Owners = lockInfo.Json.Array("properties.owners").Select(o => o.Str("applicationId")).Where(a => a != null).Select(a => a!).ToList(),
        };

        public string Describe() => $"{Level} lock '{Name}' on {Scope}" + (string.IsNullOrEmpty(Notes) ? "" : $" (notes '{Notes}')");
    }

    /// <summary>
    /// The journal of one VM's repair on disk: an append-only file of JSON lines, each flushed to the disk
    /// (FileStream.Flush(true)) before the step it announces is sent. While a repair runs the file is held open with
    /// FileShare.None, which is an exclusive OS lock (flock on Linux and macOS), so a second repair of the same VM from
    /// this machine refuses. The file is deleted only when no lifted lock is left pending; a torn last line (a crash
    /// while writing it) is ignored, which is safe because the step it announced was never sent.
    /// Lines: lifting (with the lock's definition), lifted, notLifted (ARM shows it still in place), restored (read back),
    /// scopeGone (ARM confirms the lock's scope no longer exists). It never holds a token: only lock definitions.
    /// </summary>
    public sealed class LockJournalFile : IDisposable
    {
        /// <summary>Environment variable that overrides the journal directory (e.g. for an Automation runbook).</summary>
        public const string DirectoryVariable = "AZBT_JOURNAL_DIR";

        private static readonly JsonSerializerOptions LineOptions = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        private readonly FileStream _stream;
        private readonly Dictionary<string, (JournaledLock Lock, bool Pending)> _locks = new Dictionary<string, (JournaledLock, bool)>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _order = new List<string>();

        private LockJournalFile(string path, string vmId, FileStream stream)
        {
            Path = path;
            VmId = vmId;
            _stream = stream;
        }

        public string Path { get; }
        public string VmId { get; private set; }

        /// <summary>Locks lifted (or maybe lifted) and not yet back, in the order they were lifted.</summary>
        public IReadOnlyList<JournaledLock> Pending => _order.Where(id => _locks[id].Pending).Select(id => _locks[id].Lock).ToList();

        /// <summary>The directory: the explicit one, else $AZBT_JOURNAL_DIR, else the per-user state directory.</summary>
        public static string ResolveDirectory(string? explicitDirectory)
        {
            if (!string.IsNullOrWhiteSpace(explicitDirectory)) return System.IO.Path.GetFullPath(explicitDirectory);
            var fromEnvironment = Environment.GetEnvironmentVariable(DirectoryVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return System.IO.Path.GetFullPath(fromEnvironment);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "AzBackupTroubleshoot", "journal");
            var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrWhiteSpace(state))
                state = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            return System.IO.Path.Combine(state, "AzBackupTroubleshoot", "journal");
        }

        /// <summary>The file of one VM's journal: readable name plus a hash of the full id (names repeat across groups).</summary>
        public static string PathFor(string directory, string vmId)
        {
            var normalized = vmId.Trim().TrimEnd('/').ToLowerInvariant();
            using var sha = SHA256.Create();
            var hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(normalized))).Replace("-", "").Substring(0, 16).ToLowerInvariant();
            var name = Regex.Replace(ArmIds.NameOf(normalized), "[^a-z0-9._-]", "_");
            return System.IO.Path.Combine(directory, $"{name}-{hash}.journal");
        }

        /// <summary>Every journal file in a directory (for resuming all of them).</summary>
        public static IReadOnlyList<string> Find(string directory)
            => Directory.Exists(directory) ? Directory.GetFiles(directory, "*.journal").OrderBy(f => f, StringComparer.Ordinal).ToList() : new List<string>();

        /// <summary>Opens (or creates) the VM's journal and takes its OS lock; refuses when another repair holds it.</summary>
        public static LockJournalFile Open(string directory, string vmId) => OpenPath(PathFor(directory, vmId), vmId);

        /// <summary>Opens an existing journal file by its path (resume); the VM comes from the file.</summary>
        public static LockJournalFile OpenExisting(string path) => OpenPath(path, null);

        private static LockJournalFile OpenPath(string path, string? vmId)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough);
            }
            catch (IOException ex) when (!(ex is FileNotFoundException) && !(ex is DirectoryNotFoundException))
            {
                throw new RepairRefusedException("LockJournalInUse",
                    $"Another repair of {vmId ?? System.IO.Path.GetFileName(path)} is running on this machine (it holds the lock journal {path}). Wait for it to end, then run again.");
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new RepairRefusedException("LockJournalUnwritable", $"The lock journal {path} cannot be opened: {ex.Message} Point -JournalPath / --journal-dir (or {DirectoryVariable}) at a writable directory.");
            }
            try
            {
                var journal = new LockJournalFile(path, vmId ?? "", stream);
                var foundVm = journal.Load();
                if (vmId == null)
                {
                    if (foundVm == null)
                    {
                        stream.Dispose();
                        throw new RepairRefusedException("LockJournalUnreadable", $"{path} names no VM; it is not a lock journal of this tool.");
                    }
                    journal.VmId = foundVm;
                }
                journal.Append(new { e = "open", vmId = journal.VmId, machine = Environment.MachineName, pid = ProcessId(), at = DateTimeOffset.UtcNow });
                return journal;
            }
            catch (IOException ex)
            {
                stream.Dispose();
                throw new RepairRefusedException("LockJournalUnwritable", $"The lock journal {path} cannot be written: {ex.Message}");
            }
        }

        /// <summary>Announces a lock about to be lifted, on disk, before its DELETE is sent.</summary>
        public void Lifting(JournaledLock lockInfo) => Record("lifting", lockInfo.Id, lockInfo, pending: true);

        public void Lifted(string lockId) => Record("lifted", lockId, null, pending: true);

        /// <summary>ARM shows the lock still in place after a failed lift: nothing to put back.</summary>
        public void NotLifted(string lockId) => Record("notLifted", lockId, null, pending: false);

        /// <summary>The lock was re-created and read back.</summary>
        public void Restored(string lockId) => Record("restored", lockId, null, pending: false);

        /// <summary>ARM confirms the lock's scope is gone: there is nothing to put it back on.</summary>
        public void ScopeGone(string lockId) => Record("scopeGone", lockId, null, pending: false);

        /// <summary>Releases the OS lock; deletes the file when nothing is pending, else keeps it for a resume.</summary>
        public void Dispose()
        {
            var finished = Pending.Count == 0;
            // On Unix the file is unlinked while still locked, so no other process can open the old file in between.
            if (finished && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) TryDelete();
            _stream.Dispose();
            if (finished && RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) TryDelete();
        }

        private void TryDelete()
        {
            try { File.Delete(Path); }
            catch (IOException) { } // a finished journal left behind is harmless: it has nothing pending
            catch (UnauthorizedAccessException) { }
        }

        private void Record(string kind, string lockId, JournaledLock? definition, bool pending)
        {
            Append(definition == null ? (object)new { e = kind, id = lockId, at = DateTimeOffset.UtcNow } : new { e = kind, id = lockId, at = DateTimeOffset.UtcNow, @lock = definition });
            Apply(kind, lockId, definition);
        }

        private void Apply(string kind, string lockId, JournaledLock? definition)
        {
            if (definition != null)
            {
                if (!_locks.ContainsKey(lockId)) _order.Add(lockId);
                _locks[lockId] = (definition, true);
                return;
            }
            if (!_locks.TryGetValue(lockId, out var known)) return;
            _locks[lockId] = (known.Lock, kind == "lifted" ? known.Pending : false);
        }

        private void Append(object line)
        {
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, LineOptions) + "\n");
            _stream.Seek(0, SeekOrigin.End);
            _stream.Write(bytes, 0, bytes.Length);
            _stream.Flush(true);
        }

        /// <summary>Reads what is there; returns the VM the journal is about (from its first "open" line).</summary>
        private string? Load()
        {
            _stream.Seek(0, SeekOrigin.Begin);
            var text = new StreamReader(_stream, Encoding.UTF8, false, 4096, leaveOpen: true).ReadToEnd();
            string? vm = null;
            foreach (var line in text.Split('\n'))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                JsonElement json;
                try { json = JsonDocument.Parse(line).RootElement; }
                catch (JsonException) { continue; } // a torn line: its step was never sent
                var kind = json.Str("e");
                if (kind == "open") { vm ??= json.Str("vmId"); continue; }
                var id = json.Str("id");
                if (kind == null || id == null) continue;
                JournaledLock? definition = null;
                if (kind == "lifting" && json.TryGetProperty("lock", out var l)) definition = JsonSerializer.Deserialize<JournaledLock>(l.GetRawText(), LineOptions);
                if (kind == "lifting" && definition == null) continue;
                Apply(kind, id, definition);
            }
            // A torn last line would glue onto the next append; start the next line cleanly.
            if (text.Length > 0 && !text.EndsWith("\n", StringComparison.Ordinal))
            {
                _stream.Seek(0, SeekOrigin.End);
                _stream.WriteByte((byte)'\n');
                _stream.Flush(true);
            }
            return vm;
        }

        private static int ProcessId()
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return process.Id;
        }
    }
}
