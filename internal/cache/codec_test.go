package cache

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"sync"
	"testing"
)

type codecValue struct {
	Name  string
	Lines []int
	Marks map[string]bool
	Inner *codecValue
}

// TestCodecRoundTrip: records read back as written, in any order, by
// several decoders at once, and are smaller than a gob stream per value.
func TestCodecRoundTrip(t *testing.T) {
	c := NewCodec[codecValue]()
	var vals []codecValue
	var recs [][]byte
	for i := range 50 {
		v := codecValue{Name: string(rune('a' + i%26)), Lines: []int{i, i * 2}, Marks: map[string]bool{"x": i%2 == 0}}
		if i%3 == 0 {
			v.Inner = &codecValue{Name: "inner"}
		}
		b, err := c.Marshal(&v)
		if err != nil {
			t.Fatal(err)
		}
		var whole bytes.Buffer
		gob.NewEncoder(&whole).Encode(&v)
		if len(b) >= whole.Len() {
			t.Errorf("record %d: %d bytes, want fewer than a whole stream's %d", i, len(b), whole.Len())
		}
		vals, recs = append(vals, v), append(recs, b)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := len(recs) - 1 - w; i >= 0; i -= 2 {
				var got codecValue
				if err := c.Unmarshal(recs[i], &got); err != nil {
					t.Errorf("record %d: %v", i, err)
					continue
				}
				if !reflect.DeepEqual(got, vals[i]) {
					t.Errorf("record %d: got %+v, want %+v", i, got, vals[i])
				}
			}
		})
	}
	wg.Wait()
	var got codecValue
	if err := c.Unmarshal(append(recs[0][:len(recs[0]):len(recs[0])], 0), &got); err == nil {
		t.Error("a record with a byte too many read without error")
	}
	if err := c.Unmarshal(recs[1][:len(recs[1])/2], &got); err == nil {
		t.Error("a cut record read without error")
	}
}
