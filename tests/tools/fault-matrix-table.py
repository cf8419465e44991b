#!/usr/bin/env python3
"""Prints the fault matrix of docs/reliability.md from the test data itself (FaultMatrixTests.cs), so the table and
its counts can never drift from what the suite asserts. Run from the repository root:
    python3 tests/tools/fault-matrix-table.py
"""
import collections
import pathlib
import re
import sys

SOURCE = pathlib.Path("tests/AzBackupTroubleshoot.EndToEnd.Tests/Repairs/FaultMatrixTests.cs")
CASE = re.compile(r"\{\s*Step\.(\w+),\s*Fault\.(\w+),\s*RepairStatus\.(\w+)\s*\},?\s*(?://\s*(.*))?")
FAULTS = ["Status404", "Status409", "Status429", "Status500", "ConnectionReset", "Timeout", "NeverFinishing"]
FAULT_NAMES = {"Status404": "404", "Status409": "409", "Status429": "429", "Status500": "500",
               "ConnectionReset": "reset", "Timeout": "timeout", "NeverFinishing": "never finishes"}
STEP_NAMES = {"LockDelete": "lock DELETE", "CollectionDelete": "collection DELETE", "CollectionPoll": "collection delete's poll",
              "LockRecreate": "lock re-create (PUT)", "BackupTrigger": "backup trigger (POST)",
              "ExtensionDelete": "extension DELETE", "JobCancel": "job cancel (POST)"}

def main():
    cases = collections.OrderedDict()
    notes = {}
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        m = CASE.search(line)
        if not m:
            continue
        step, fault, status, note = m.groups()
        key = (step, fault)
        if key in cases:
            sys.exit(f"duplicate case {step} x {fault}")
        cases[key] = status
        if note:
            notes[key] = note.strip()
    steps = list(dict.fromkeys(step for step, _ in cases))
    print("| step \\ fault | " + " | ".join(FAULT_NAMES[f] for f in FAULTS) + " |")
    print("|---|" + "---|" * len(FAULTS))
    for step in steps:
        cells = []
        for fault in FAULTS:
            status = cases.get((step, fault))
            cells.append("—" if status is None else ("done" if status == "Done" else "failed"))
        print(f"| {STEP_NAMES.get(step, step)} | " + " | ".join(cells) + " |")
    total = len(cases)
    by_status = collections.Counter(cases.values())
    print()
    print(f"{total} cases: {len(steps)} steps x {len(FAULTS)} faults; step record Done in {by_status['Done']}, Failed in {by_status['Failed']}.")
    journal = [k for k, v in cases.items() if k[0] == "LockRecreate" and v == "Failed"]
    print(f"Journal left for a resume in {len(journal)} cases (a lock re-create that failed: {', '.join(FAULT_NAMES[f] for _, f in journal)}).")
    print()
    for (step, fault), note in notes.items():
        print(f"- {STEP_NAMES.get(step, step)} x {FAULT_NAMES[fault]}: {note}")

if __name__ == "__main__":
    main()
