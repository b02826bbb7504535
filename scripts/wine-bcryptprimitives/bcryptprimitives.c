/* A stand-in for Windows 10's bcryptprimitives.dll, for the tests under Wine 8 only (never
 * shipped): Rust's standard library for x86_64-pc-windows-gnu, which the Tauri desktop window is
 * built for, takes its random numbers from ProcessPrng here, and Wine 8.0 has no such DLL, so the
 * window's exe would not even start. ProcessPrng fills the buffer and always succeeds; this one
 * asks RtlGenRandom (advapi32's SystemFunction036), as the Windows 7 build of the std does.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG part = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, part))
            return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
