package rules

// Timed is a family's slice of worked time, as the overtime mechanics below see it: a span that
// can be cut at an instant and marked as overtime. Which slices count, and what else a slice
// carries, stays with the family.
type Timed[S any] interface {
	*S
	Span() (start, end int64)
	Cut(t int64) (left, right S) // the slice before and from t; start < t < end
	Overtime() bool
	SetOvertime()
}

// SplitAt cuts slices[i] at t, keeping both halves in order.
func SplitAt[S any, P Timed[S]](slices []S, i int, t int64) []S {
	left, right := P(&slices[i]).Cut(t)
	var zero S
	slices = append(slices, zero)
	copy(slices[i+2:], slices[i+1:])
	slices[i], slices[i+1] = left, right
	return slices
}

// StraightBefore cuts the slice that crosses t and sums the time before t not yet overtime: the
// straight time a week ending at t counts toward its weekly threshold.
func StraightBefore[S any, P Timed[S]](slices *[]S, t int64) int64 {
	var n int64
	for i := 0; i < len(*slices); i++ {
		s := P(&(*slices)[i])
		if start, end := s.Span(); start < t && t < end {
			*slices = SplitAt[S, P](*slices, i, t)
			s = P(&(*slices)[i])
		}
		if _, end := s.Span(); end <= t && !s.Overtime() {
			start, _ := s.Span()
			n += end - start
		}
	}
	return n
}

// MarkLast marks the last n seconds (chronologically) of the slices that match and are not yet
// overtime as overtime, cutting the slice where the overtime starts.
func MarkLast[S any, P Timed[S]](slices *[]S, n int64, match func(P) bool) {
	MarkLastAs(slices, n, match, P.SetOvertime)
}

// MarkLastAs is MarkLast for a family that tells kinds of overtime apart (SHARE's daily and
// weekly): set marks a slice.
func MarkLastAs[S any, P Timed[S]](slices *[]S, n int64, match func(P) bool, set func(P)) {
	for i := len(*slices) - 1; i >= 0 && n > 0; i-- {
		s := P(&(*slices)[i])
		if s.Overtime() || !match(s) {
			continue
		}
		start, end := s.Span()
		if end-start > n {
			*slices = SplitAt[S, P](*slices, i, end-n)
			s = P(&(*slices)[i+1])
			start = end - n
		}
		set(s)
		n -= end - start
	}
}

// MarkLastEach is MarkLastAs for disjoint groups of slices at once (a week's workdays): of each
// group, the last seconds still to mark, *left(s), of its slices not yet overtime are marked by
// set, in one walk back over the slices instead of one walk per group. left(s) is nil for a
// slice in no group; total is the sum of the groups' seconds to mark (the walk ends when none is
// left). Marking a group's slices changes nothing of another group's, so the result is that of
// MarkLastAs called for each group in turn.
func MarkLastEach[S any, P Timed[S]](slices *[]S, total int64, left func(P) *int64, set func(P)) {
	for i := len(*slices) - 1; i >= 0 && total > 0; i-- {
		s := P(&(*slices)[i])
		if s.Overtime() {
			continue
		}
		n := left(s)
		if n == nil || *n <= 0 {
			continue
		}
		start, end := s.Span()
		if end-start > *n {
			*slices = SplitAt[S, P](*slices, i, end-*n)
			s = P(&(*slices)[i+1])
			start = end - *n
		}
		set(s)
		*n -= end - start
		total -= end - start
	}
}
