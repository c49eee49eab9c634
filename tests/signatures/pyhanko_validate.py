"""Validates PDF signatures with pyHanko for tests/signatures/pyhanko.test.ts.

Reads a JSON list of jobs on standard input, one per file:
  {"file": path, "roots": [PEM paths], "at": ISO time or null,
   "fetch": bool, "revocationMode": "soft-fail" | "hard-fail" | "require"}
and writes one JSON list of results: per job, one entry per embedded
signature or document timestamp, in file order, with pyHanko's judgement.
One process validates every file, because starting Python and importing
pyHanko costs about a second.
"""

import asyncio
import json
import logging
import sys
from datetime import datetime

from asn1crypto import pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext


def load_roots(paths):
    roots = []
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        blocks = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        roots.extend(x509.Certificate.load(der) for der in blocks)
    return roots


def context(job, best_signature_time=None):
    moment = datetime.fromisoformat(job["at"].replace("Z", "+00:00")) if job.get("at") else None
    return ValidationContext(
        trust_roots=load_roots(job.get("roots", [])),
        moment=moment,
        best_signature_time=best_signature_time,
        allow_fetching=job.get("fetch", False),
        revocation_mode=job.get("revocationMode", "soft-fail"),
    )


async def validate_file(job):
    results = []
    with open(job["file"], "rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        for signature in reader.embedded_signatures:
            entry = {"field": signature.field_name, "kind": str(signature.sig_object_type)}
            try:
                if entry["kind"] == "/DocTimeStamp":
                    status = await async_validate_pdf_timestamp(signature, validation_context=context(job))
                    entry.update(intact=status.intact, valid=status.valid, trusted=status.trusted, passed=status.intact and status.valid and status.trusted)
                else:
                    status = await async_validate_pdf_signature(signature, signer_validation_context=context(job), ts_validation_context=context(job))
                    stamp = status.timestamp_validity
                    if not status.bottom_line and stamp is not None and stamp.intact and stamp.valid and stamp.trusted:
                        # pyHanko's status API judges the signer at the validation time; ETSI EN 319 102-1
                        # (and Sijill) judge it at the time the signature timestamp proves, so validate again with it.
                        entry["bestSignatureTime"] = stamp.timestamp.isoformat()
                        status = await async_validate_pdf_signature(
                            signature, signer_validation_context=context(job, stamp.timestamp), ts_validation_context=context(job)
                        )
                    entry.update(
                        intact=status.intact,
                        valid=status.valid,
                        trusted=status.trusted,
                        revoked=status.revoked,
                        passed=status.bottom_line,
                        docmdp_ok=status.docmdp_ok,
                        coverage=status.coverage.name if status.coverage else None,
                        modification_level=status.modification_level.name if status.modification_level else None,
                    )
                entry["summary"] = status.summary()
            except Exception as error:  # pyHanko raises on malformed input; that is a judgement too.
                entry.update(passed=False, error=f"{type(error).__name__}: {error}")
            results.append(entry)
    return results


async def main():
    # pyHanko logs every failed path build with a traceback; the results carry the verdicts.
    logging.disable(logging.CRITICAL)
    jobs = json.load(sys.stdin)
    output = []
    for job in jobs:
        try:
            signatures = await validate_file(job)
            if job.get("fetch") and not all(entry.get("passed") for entry in signatures):
                # An OCSP or CRL fetch that timed out on a loaded machine looks like a rejection; try once more.
                signatures = await validate_file(job)
            output.append({"file": job["file"], "signatures": signatures})
        except Exception as error:
            output.append({"file": job["file"], "error": f"{type(error).__name__}: {error}", "signatures": []})
    json.dump(output, sys.stdout)


if __name__ == "__main__":
    asyncio.run(main())
