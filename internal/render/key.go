package render

import (
	"cmp"
	"encoding/binary"
	"reflect"
	"slices"
	"sync"

	"github.com/zeebo/xxh3"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/memo"
)

// keys are what Key hashes besides the page: the layouts' names and text,
// the options and the interface strings, hashed once by New and
// WithStrings; and each book a page sees, hashed once.
type keys struct {
	settings memo.Key
	mu       sync.Mutex
	books    map[*book.Book]memo.Key
}

// Key is a hash of everything page j's layout can read, so the preview
// server keeps the page's bytes by it: the settings (above), extra (what
// the bytes depend on that the renderer cannot see: the assets'
// fingerprinted names, minifying) and the page's
// Data, every field, element and map entry it reaches, whatever a layout
// uses of them. A chapter page sees the book's navigation only (Plan), so
// its key does not change with another chapter's text.
func (r *Renderer) Key(j Job, extra memo.Key) (memo.Key, error) {
	d, err := r.data(j)
	return r.KeyOf([]any{r.settings, extra, d}), err
}

// KeyOf is a hash of v as Key hashes a page's data.
func (r *Renderer) KeyOf(v any) memo.Key {
	k := newKeyWriter(r)
	k.value(reflect.ValueOf(v))
	return k.sum()
}

// bookKey is a hash of the whole of b, made once.
func (r *Renderer) bookKey(b *book.Book) memo.Key {
	r.mu.Lock()
	defer r.mu.Unlock()
	key, ok := r.books[b]
	if !ok {
		k := newKeyWriter(r)
		k.fields(reflect.ValueOf(b).Elem())
		key = k.sum()
		if r.books == nil {
			r.books = map[*book.Book]memo.Key{}
		}
		r.books[b] = key
	}
	return key
}

// keyWriter hashes values. A chapter reached as another's Prev or Next,
// or as a worksheet's Chapter, is written as its Index: that chapter is
// hashed where the page's book lists it, or it is the page's own.
// A chapter met again is written as its Index too: it is hashed already.
type keyWriter struct {
	r    *Renderer
	h    *xxh3.Hasher128
	seen map[*book.Chapter]bool
}

var chapterType = reflect.TypeFor[*book.Chapter]()

func newKeyWriter(r *Renderer) *keyWriter {
	return &keyWriter{r: r, h: xxh3.New128(), seen: map[*book.Chapter]bool{}}
}

func (k *keyWriter) sum() memo.Key { return k.h.Sum128().Bytes() }

func (k *keyWriter) int(n int64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	k.h.Write(b[:])
}

func (k *keyWriter) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		k.int(int64(v.Len()))
		k.h.WriteString(v.String())
	case reflect.Bool:
		n := int64(0)
		if v.Bool() {
			n = 1
		}
		k.int(n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		k.int(v.Int())
	case reflect.Uint8:
		k.int(int64(v.Uint()))
	case reflect.Slice, reflect.Array:
		k.int(int64(v.Len()))
		for i := range v.Len() {
			k.value(v.Index(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		if v.Type().Key().Kind() != reflect.String {
			panic("render: a page's key cannot hold a " + v.Type().String())
		}
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		k.int(int64(len(keys)))
		for _, key := range keys {
			k.value(key)
			k.value(v.MapIndex(key))
		}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			k.int(-1)
		} else if b, ok := v.Interface().(*book.Book); ok {
			key := k.r.bookKey(b)
			k.h.Write(key[:])
		} else if c, ok := v.Interface().(*book.Chapter); ok && k.seen[c] {
			k.ref(v)
		} else {
			if ok {
				k.seen[c] = true
			}
			k.int(1)
			k.value(v.Elem())
		}
	case reflect.Struct:
		k.h.WriteString(v.Type().String())
		k.fields(v)
	default:
		panic("render: a page's key cannot hold a " + v.Type().String())
	}
}

// fields hashes the fields of struct v.
func (k *keyWriter) fields(v reflect.Value) {
	owner := v.Type() == reflect.TypeFor[book.Chapter]() || v.Type() == reflect.TypeFor[book.Worksheet]()
	for i := range v.NumField() {
		f := v.Field(i)
		if owner && f.Type() == chapterType {
			k.ref(f)
			continue
		}
		k.value(f)
	}
}

// ref writes chapter v as its Index.
func (k *keyWriter) ref(v reflect.Value) {
	k.int(-2)
	if !v.IsNil() {
		k.int(int64(v.Interface().(*book.Chapter).Index))
	}
}
