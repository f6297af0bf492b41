/* A stand-in for Windows' bcryptprimitives.dll, for running refdesk's tests under Wine 8.0 only
 * (Wine ships the real one from 8.13). Rust's std imports ProcessPrng from it; this forwards to
 * RtlGenRandom (advapi32's SystemFunction036), which Wine 8.0 has. Built by .ci/windows-test.sh
 * into the Wine prefix; never shipped with refdesk.exe. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
