//! Order keys: where a code sits among its siblings, as a string that sorts between its
//! neighbours'. Moving or inserting one code writes that code's key alone, so two people
//! who reorder different codes change different files. A new key is picked at random
//! within the gap, so two people inserting at the same place get different keys (and
//! equal keys, however unlikely, are ordered by id, the same way on every clone).

/// The digits of a key, in sorting order.
const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: usize = DIGITS.len();

fn value(c: u8) -> Option<usize> {
    DIGITS.iter().position(|d| *d == c)
}

/// True for a key kondens could have written: digits only, not empty, not ending in the
/// lowest digit (so there is always room before it).
pub fn is_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|c| value(c).is_some()) && !key.ends_with('0')
}

/// A key strictly between `a` and `b` (`None`: the start or end of the list). `a < b`
/// must hold when both are given; both must be keys ([`is_key`]).
pub fn between(a: Option<&str>, b: Option<&str>) -> String {
    let mut noise = uuid::Uuid::new_v4().into_bytes().into_iter().cycle();
    let a = a.unwrap_or("").as_bytes();
    let b = b.map(str::as_bytes);
    let mut out = Vec::new();
    let mut i = 0;
    // Once the key is below b at some digit, b no longer bounds the rest.
    let mut bounded = b.is_some();
    loop {
        let lo = a.get(i).and_then(|c| value(*c)).unwrap_or(0);
        let hi = if bounded {
            b.and_then(|b| b.get(i))
                .and_then(|c| value(*c))
                .unwrap_or(0)
        } else {
            BASE
        };
        if hi > lo + 1 {
            // Room for a digit strictly between: pick one at random, away from the ends
            // when there is room, so later insertions on either side have room too.
            let span = hi - lo - 1;
            let r = usize::from(noise.next().unwrap_or(0)) % span;
            let d = lo + 1 + r;
            out.push(DIGITS[d]);
            return String::from_utf8(out).unwrap_or_default();
        }
        // No room at this digit: take a's digit (or b's when they are equal) and go on.
        out.push(DIGITS[lo]);
        if hi > lo {
            bounded = false;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_fall_between_their_neighbours() {
        for (a, b) in [
            (None, None),
            (Some("V"), None),
            (None, Some("V")),
            (Some("V"), Some("W")),
            (Some("V"), Some("V1")),
            (Some("Vz"), Some("W")),
            (None, Some("01")),
            (Some("zz"), None),
        ] {
            let k = between(a, b);
            assert!(is_key(&k), "{k}");
            assert!(a.is_none_or(|a| a < k.as_str()), "{a:?} < {k}");
            assert!(b.is_none_or(|b| k.as_str() < b), "{k} < {b:?}");
        }
    }

    proptest! {
        /// However codes are inserted, every key sorts between its neighbours, so the
        /// list's order is the keys' order.
        #[test]
        fn any_sequence_of_insertions_keeps_keys_in_order(places in proptest::collection::vec(0usize..1000, 1..200)) {
            let mut keys: Vec<String> = Vec::new();
            for p in places {
                let at = p % (keys.len() + 1);
                let k = between(
                    at.checked_sub(1).map(|i| keys[i].as_str()),
                    keys.get(at).map(String::as_str),
                );
                prop_assert!(is_key(&k));
                keys.insert(at, k);
            }
            prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "{:?}", keys);
        }
    }
}
