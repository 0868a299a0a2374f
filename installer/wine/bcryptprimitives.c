/* bcryptprimitives.dll for a Wine prefix that lacks it (Wine 8.0), used only to build and test
 * HubDesk for Windows on Linux; never shipped (Windows 10 and 11 have their own).
 *
 * Python extensions built with Rust 1.78 or newer (cryptography, pyrage) draw random bytes from
 * ProcessPrng, the one function of this DLL they import. Wine 8.0 has no bcryptprimitives.dll,
 * so those extensions do not load under it ("DLL load failed: Module not found"). This
 * ProcessPrng fills the buffer from the system's generator (RtlGenRandom, SystemFunction036 of
 * advapi32), as Windows' own does; like Windows' it always returns TRUE unless that fails.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll bcryptprimitives.c
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
