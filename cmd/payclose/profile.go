package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// startProfiles starts a CPU profile and an execution trace and arranges a heap profile, for
// capacity planners who want to see where a large close spends its time (and, in the trace, when
// a core has nothing to do); the returned function writes them.
func startProfiles(cpu, mem, tr string) (stop func(), err error) {
	var cpuFile, traceFile *os.File
	if tr != "" {
		if traceFile, err = os.Create(tr); err != nil {
			return nil, err
		}
		if err := trace.Start(traceFile); err != nil {
			traceFile.Close()
			return nil, err
		}
	}
	if cpu != "" {
		if cpuFile, err = os.Create(cpu); err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(cpuFile); err != nil {
			cpuFile.Close()
			if traceFile != nil {
				trace.Stop()
				traceFile.Close()
			}
			return nil, err
		}
	}
	return func() {
		if traceFile != nil {
			trace.Stop()
			traceFile.Close()
		}
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem != "" {
			if f, err := os.Create(mem); err == nil {
				runtime.GC()
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}, nil
}
