#!/usr/bin/env python3
"""Prints the fault matrix of docs/reliability.md from the test data itself (FaultMatrix.Expected in
tests/AzBackupTroubleshoot.EndToEnd.Tests/Repairs/FaultMatrix.cs), so the table and its counts can never drift from
what the suite asserts. Run from the repository root:
    python3 tests/tools/fault-matrix-table.py
"""
import collections
import pathlib
import re
import sys

SOURCE = pathlib.Path("tests/AzBackupTroubleshoot.EndToEnd.Tests/Repairs/FaultMatrix.cs")
FAULTS = ["404", "409", "429", "500", "reset", "timeout", "never finishes"]  # the order of the Fault enum
ROW = re.compile(r"\(Step\.(\w+), new\[\] \{([^}]*)\}\)")
STEP_NAMES = {"LockDelete": "lock DELETE", "CollectionDelete": "collection DELETE", "CollectionPoll": "collection delete's poll",
              "LockRecreate": "lock re-create (PUT)", "BackupTrigger": "backup trigger (POST)",
              "ExtensionDelete": "extension DELETE", "JobCancel": "job cancel (POST)"}


def main():
    text = SOURCE.read_text(encoding="utf-8")
    enum = re.search(r"public enum Fault \{([^}]*)\}", text)
    if not enum or len([f for f in enum.group(1).split(",") if f.strip()]) != len(FAULTS):
        sys.exit("the Fault enum changed: update FAULTS in this script")
    rows = collections.OrderedDict()
    for step, values in ROW.findall(text):
        statuses = [v.strip() for v in values.split(",") if v.strip()]
        if step in rows or len(statuses) != len(FAULTS):
            sys.exit(f"row of {step}: a step twice, or not one outcome per fault")
        rows[step] = statuses
    print("| step \\ fault | " + " | ".join(FAULTS) + " |")
    print("|---|" + "---|" * len(FAULTS))
    for step, statuses in rows.items():
        print(f"| {STEP_NAMES.get(step, step)} | " + " | ".join(s.lower() for s in statuses) + " |")
    counts = collections.Counter(s for statuses in rows.values() for s in statuses)
    total = sum(counts.values())
    print()
    print(f"{total} cases: {len(rows)} steps x {len(FAULTS)} faults; step record Done in {counts['Done']}, Failed in {counts['Failed']}.")
    journal = [FAULTS[i] for i, s in enumerate(rows.get("LockRecreate", [])) if s == "Failed"]
    print(f"Journal left for a resume in {len(journal)} cases (a lock re-create that failed: {', '.join(journal)}).")


if __name__ == "__main__":
    main()
