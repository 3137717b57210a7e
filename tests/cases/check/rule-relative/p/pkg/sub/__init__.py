from .. import x
from ... import y
from .... import z  # modscope: ignore[relative-import-beyond-top]
