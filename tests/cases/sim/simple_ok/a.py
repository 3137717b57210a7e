import b
import c
